package com.bank.auth.bff.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.bank.auth.bff.client.MfaServiceClient;
import com.bank.auth.bff.client.SessionServiceClient;
import com.bank.auth.bff.client.SessionServiceClient.CreatedSession;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.common.problem.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The order of a step-up's steps (issue 23, items 1 and 3): a challenge is linked to the session before mfa-service
 * makes it, so no text goes out for a challenge the session could not remember; a rotation whose answer was lost is
 * asked for again under the same key. session-service and mfa-service are in-memory fakes that record what they were
 * asked.
 */
class StepUpChallengesTest {

    private static final String SESSION = "session-id";
    private static final SessionView VIEW = new SessionView("handle", "user-1", null, null, List.of(), null, null, null, null, 0,
            null, null, 1, null, false);

    private final InMemoryStepUpStore store = new InMemoryStepUpStore();
    private final List<String> calls = new ArrayList<>();
    private final List<Map<String, Object>> challengesAsked = new ArrayList<>();
    private final List<Map<String, Object>> verificationsAsked = new ArrayList<>();
    private boolean linksFail;
    private int mfaStatus = 201;
    private int rotationsToLose;
    private boolean sessionEnded;

    private final ObjectMapper json = new ObjectMapper();
    private final SessionServiceClient sessionService = fakeSessionService();
    private final BffSessions sessions = new BffSessions(sessionService, SessionNearCacheTest.off(), 4000);
    private final StepUps stepUps = new StepUps(sessionService, json);
    private final StepUpChallenges challenges = new StepUpChallenges(fakeMfa(), stepUps, sessions, json);

    @Test
    void aChallengeIsLinkedUnderTheIdMfaServiceIsGivenBeforeItIsAskedFor() {
        Response created = challenges.open(SESSION, VIEW, new StepUpChallenges.Ask("admin", null, null));
        assertEquals(201, created.getStatus());
        assertEquals(List.of("putStepUp challenge", "challenge"), calls);
        String id = (String) challengesAsked.get(0).get("challengeId");
        assertEquals("admin", stepUps.targetOfChallenge(SESSION, id).orElseThrow().target().purpose());
    }

    @Test
    void aSessionThatCannotRememberTheChallengeGetsA503AndNoTextGoesOut() {
        linksFail = true;
        ProblemException unavailable = assertThrows(ProblemException.class,
                () -> challenges.open(SESSION, VIEW, new StepUpChallenges.Ask("factor-change", null, null)));
        assertEquals(503, unavailable.problem().status());
        assertEquals(List.of(), challengesAsked, "mfa-service was never asked, so no text was sent");
    }

    @Test
    void aRefusedChallengeLeavesNoLinkBehind() {
        mfaStatus = 429;
        assertEquals(429, challenges.open(SESSION, VIEW, new StepUpChallenges.Ask("admin", null, null)).getStatus());
        String id = (String) challengesAsked.get(0).get("challengeId");
        assertEquals(Optional.empty(), stepUps.targetOfChallenge(SESSION, id));
    }

    @Test
    void aRefusalIsPassedOnEvenWhenTheSessionEndedMeanwhile() {
        mfaStatus = 429;
        sessionEnded = true;
        assertEquals(429, challenges.open(SESSION, VIEW, new StepUpChallenges.Ask("admin", null, null)).getStatus(),
                "mfa-service's refusal, not a 5xx for a link that went with its session");
    }

    @Test
    void aRotationWhoseAnswerWasLostIsAskedForOnceMoreUnderTheSameKey() {
        rotationsToLose = 1;
        CreatedSession rotated = sessions.rotate(SESSION, "challenge-1");
        assertEquals("new-id", rotated.sessionId());
        assertEquals(List.of("rotate challenge-1", "rotate challenge-1"), calls);
    }

    @Test
    void aRotationLostTwiceIsA503AndBusyIsNotRetried() {
        rotationsToLose = 2;
        assertEquals(503, assertThrows(ProblemException.class, () -> sessions.rotate(SESSION, "challenge-2")).problem().status());
        assertEquals(2, calls.size());
        calls.clear();
        rotationsToLose = -1;   // session-service answers 409: it rotated nothing
        assertEquals(503, assertThrows(ProblemException.class, () -> sessions.rotate(SESSION, "challenge-3")).problem().status());
        assertEquals(List.of("rotate challenge-3"), calls);
    }

    @Test
    void aPasskeysAnswerGoesToMfaServiceAsItIsUnderTheSessionsSubAndRotatesTheSession() {
        challenges.open(SESSION, VIEW, new StepUpChallenges.Ask("admin", null, null));
        String id = (String) challengesAsked.get(0).get("challengeId");
        Map<String, Object> assertion = Map.of("id", "cred", "response", Map.of("clientDataJSON", "e30"));
        // Whatever "sub" the browser put in its answer, the session's is sent (the SPA never names the user).
        StepUpChallenges.Approval approval = challenges.verify(SESSION, VIEW, id, Map.of("assertion", assertion, "sub", "someone-else"));
        assertEquals(200, approval.answer().getStatus());
        assertEquals("new-id", approval.sessionId());
        assertEquals(Map.of("sub", "user-1", "assertion", assertion), verificationsAsked.get(0));
    }

    private MfaServiceClient fakeMfa() {
        return (MfaServiceClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { MfaServiceClient.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "challenge" -> {
                        calls.add("challenge");
                        @SuppressWarnings("unchecked")
                        Map<String, Object> asked = (Map<String, Object>) args[0];
                        challengesAsked.add(asked);
                        yield mfaStatus == 201
                                ? Response.status(201).entity(json.createObjectNode().put("challengeId", (String) asked.get("challengeId"))).build()
                                : Response.status(mfaStatus).header("Retry-After", "60").build();
                    }
                    case "verify" -> {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> asked = (Map<String, Object>) args[1];
                        verificationsAsked.add(asked);
                        yield Response.ok(json.createObjectNode().put("stepUpToken", "token")).build();
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** session-service: step-ups in memory (their links fail when {@code linksFail}), and a rotation that can lose its answer. */
    private SessionServiceClient fakeSessionService() {
        SessionServiceClient stored = store.client((proxy, method, args) -> {
            if (!method.getName().equals("rotate")) {
                throw new UnsupportedOperationException(method.getName());
            }
            calls.add("rotate " + args[1]);
            if (rotationsToLose < 0) {
                throw new WebApplicationException(409);
            }
            if (rotationsToLose-- > 0) {
                throw new ProcessingException("connection reset");
            }
            return new CreatedSession("new-id", "handle", Instant.now(), Instant.now(), 1, List.of());
        });
        return (SessionServiceClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { SessionServiceClient.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("deleteStepUp") && sessionEnded) {
                        throw new WebApplicationException(410);
                    }
                    if (method.getName().equals("putStepUp")) {
                        calls.add("putStepUp " + args[1]);
                        if (linksFail) {
                            throw new ProcessingException("connection refused");
                        }
                    }
                    try {
                        return method.invoke(stored, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
