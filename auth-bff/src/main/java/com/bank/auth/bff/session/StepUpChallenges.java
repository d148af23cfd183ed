package com.bank.auth.bff.session;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.bank.auth.bff.client.MfaAnswers;
import com.bank.auth.bff.client.MfaServiceClient;
import com.bank.auth.bff.client.SessionServiceClient.CreatedSession;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A step-up from challenge to approval (DESIGN 5): what the challenge is bound to comes from the session, never from
 * the SPA; a verified code rotates the session id and keeps the approval under the new id only.
 */
@ApplicationScoped
public class StepUpChallenges {

    /** What a challenge asks for: a request's purpose and its Idempotency-Key, or a session purpose; a factor, if chosen. */
    public record Ask(String purpose, String idempotencyKey, String factorId) {
    }

    /** A verified challenge: the answer for the browser and the session's new id, which it must carry from now on. */
    public record Approval(Response answer, String sessionId) {
    }

    private final MfaServiceClient mfa;
    private final StepUps stepUps;
    private final BffSessions sessions;
    private final ObjectMapper json;

    StepUpChallenges(@RestClient MfaServiceClient mfa, StepUps stepUps, BffSessions sessions, ObjectMapper json) {
        this.mfa = mfa;
        this.stepUps = stepUps;
        this.sessions = sessions;
        this.json = json;
    }

    /**
     * Opens a challenge for {@code ask}. The session remembers it first, under an id of ours, and only then does
     * mfa-service make it (and send the text, for SMS): a session that cannot remember the challenge gets a 503 and no
     * text goes out for a code nobody could use (issue 23, item 1).
     */
    public Response open(String sessionId, SessionView session, Ask ask) {
        Map<String, Object> challenge = new HashMap<>();
        challenge.put("sub", session.sub());
        challenge.put("purpose", ask.purpose());
        StepUps.Link link = linkFor(sessionId, ask, challenge);
        if (ask.factorId() != null) {
            challenge.put("factorId", ask.factorId());
        }
        String challengeId = UUID.randomUUID().toString();
        challenge.put("challengeId", challengeId);
        stepUps.linkChallenge(sessionId, challengeId, link);
        Response created = mfa.challenge(challenge);
        if (created.getStatus() == 201) {
            return Response.status(201).entity(created.readEntity(JsonNode.class)).build();
        }
        // Refused (limits, no factor, locked): nothing was made, so the link goes too. Best effort: it expires with
        // the session and is the first to go from a full store.
        forgetQuietly(sessionId, challengeId);
        return MfaAnswers.forTheSpa(created);
    }

    private StepUps.Link linkFor(String sessionId, Ask ask, Map<String, Object> challenge) {
        if (StepUps.REQUEST_PURPOSES.contains(ask.purpose())) {
            if (!PaymentRules.isIdempotencyKey(ask.idempotencyKey())) {
                throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400,
                        "'idempotencyKey' must be the Idempotency-Key of the request to approve."));
            }
            ObjectNode entry = stepUps.pendingRequest(sessionId, ask.purpose(), ask.idempotencyKey())
                    .orElseThrow(() -> new ProblemException(Problem.of("no-pending-payment", "Nothing to approve", 404,
                            "No " + ask.purpose() + " of this session waits for approval under that Idempotency-Key.")));
            challenge.put("binding", json.convertValue(entry.get("binding"), Map.class));
            return new StepUps.Link(StepUps.Target.of(ask.purpose(), ask.idempotencyKey()), entry);
        }
        if (StepUps.SESSION_PURPOSES.contains(ask.purpose())) {
            return StepUps.Link.of(StepUps.Target.of(ask.purpose(), null));
        }
        throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400, "Unknown purpose."));
    }

    private void forgetQuietly(String sessionId, String challengeId) {
        try {
            stepUps.unlinkChallenge(sessionId, challengeId);
        } catch (ProblemException e) {
            // session-service is down right now: the link expires with the session.
        }
    }

    /**
     * Verifies an answer ({@code code}, or a passkey's {@code assertion}) for a challenge this session opened. On success the session gets a new id (no fixation), the
     * approval is kept under it (or, for {@code login}, the sign-in SCA is done), and the challenge link goes. A problem
     * after the rotation still carries the new id: the old one has ended.
     */
    public Approval verify(String sessionId, SessionView session, String challengeId, Map<String, Object> answer) {
        StepUps.Link link = stepUps.targetOfChallenge(sessionId, challengeId)
                .orElseThrow(() -> new ProblemException(Problem.of("not-found", "Not found", 404, "No such challenge.")));
        Map<String, Object> verification = new HashMap<>(answer);
        verification.put("sub", session.sub());
        Response verified = mfa.verify(challengeId, verification);
        if (verified.getStatus() != 200) {
            return new Approval(MfaAnswers.forTheSpa(verified), sessionId);
        }
        StepUps.Target target = link.target();
        Optional<String> stepUpToken = StepUpTokenVerifier.LOGIN.equals(target.purpose()) ? Optional.empty()
                : Optional.of(verified.readEntity(JsonNode.class).path("stepUpToken").asText());
        verified.close();
        // The new id first: what the approval grants is kept only under it, so an approval whose rotation failed (a 503,
        // the code is spent and the user asks again) grants nothing, and nothing is granted to the id from before it.
        // The challenge names the rotation: a retry of it after a lost answer gets the same new id.
        CreatedSession rotated = sessions.rotate(sessionId, challengeId);
        try {
            if (stepUpToken.isEmpty()) {
                // The sign-in SCA is what was asked for: the session serves account data from now on. The token serves nothing else.
                sessions.loginScaDone(rotated.sessionId());
            } else {
                stepUps.storeToken(rotated.sessionId(), link, stepUpToken.get());
            }
            stepUps.unlinkChallenge(rotated.sessionId(), challengeId);
        } catch (ProblemException e) {
            return new Approval(e.toResponse(), rotated.sessionId());
        }
        Audit.event(AuditEvent.STEP_UP_APPROVED, Outcome.SUCCESS, session.sub(), Map.of("session", session.handle(), "purpose", target.purpose()));
        return new Approval(Response.ok(Map.of("status", "verified")).build(), rotated.sessionId());
    }
}
