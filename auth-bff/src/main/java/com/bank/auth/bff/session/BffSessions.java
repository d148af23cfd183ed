package com.bank.auth.bff.session;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.bank.auth.bff.client.SessionServiceClient;
import com.bank.auth.bff.client.SessionServiceClient.CreatedSession;
import com.bank.auth.bff.client.SessionServiceClient.NewSession;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.client.SessionServiceClient.TokenSet;
import com.bank.auth.bff.oidc.LoginResult;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The BFF's side of session-service: an unknown or ended session is simply absent (the caller answers 401);
 * session-service unreachable or failing is a 503: the BFF fails closed, never serves without a checked session.
 */
@ApplicationScoped
public class BffSessions {

    private static final ObjectMapper READER = new ObjectMapper();

    /** DESIGN 8: the browser has its answer within 5 s; a second attempt at a call is made only if it fits in that. */
    static final long ANSWER_BUDGET_MS = 5000;

    private final SessionServiceClient sessions;
    private final SessionNearCache cache;
    private final long readTimeoutMs;

    BffSessions(@RestClient SessionServiceClient sessions, SessionNearCache cache,
            @ConfigProperty(name = "quarkus.rest-client.read-timeout") long readTimeoutMs) {
        this.sessions = sessions;
        this.cache = cache;
        this.readTimeoutMs = readTimeoutMs;
    }

    /** A new session; {@code loginScaPending}: account data waits for a sign-in SCA (DESIGN 5a). */
    public CreatedSession create(LoginResult login, String userAgent, boolean loginScaPending) {
        TokenSet tokens = new TokenSet(login.accessToken(), login.refreshToken(), login.idToken(), login.accessTokenExpiresAt(),
                login.refreshTokenExpiresAt());
        String agent = userAgent == null ? null : userAgent.substring(0, Math.min(512, userAgent.length()));
        CreatedSession created = call(() -> sessions.create(new NewSession(login.sub(), login.sid(), login.acr(), login.amr(),
                login.authTime(), agent, tokens, loginScaPending)));
        // The sessions this login superseded (one per user by default) are not answered from memory here a moment longer:
        // their events reach the other replicas, this one knows already.
        cache.endedHere(created.supersededHandles());
        return created;
    }

    /** The sign-in SCA this session waited for is done. */
    public void loginScaDone(String sessionId) {
        cache.forget(sessionId);
        call(() -> {
            sessions.loginScaDone(sessionId);
            return null;
        });
    }

    /** The live session of this id, its idle timer slid; empty if unknown, ended or malformed. */
    public Optional<SessionView> lookup(String sessionId) {
        return lookupOrWhyNot(sessionId).session();
    }

    /**
     * The session as the near-cache holds it, or null: never a call, so safe on the event loop (DESIGN 3: only while
     * its change stream is live). A null is no verdict: {@link #lookupOrWhyNot} asks session-service.
     */
    public SessionView fromMemory(String sessionId) {
        return sessionId == null || sessionId.isBlank() ? null : cache.hit(sessionId);
    }

    /** A lookup's answer: the live session, or why there is none ({@code gone}: null for no id at all). */
    public record Lookup(Optional<SessionView> session, SessionGone gone) {
    }

    /**
     * The near-cache answers while its change stream is live (DESIGN 3); otherwise, and on a miss, session-service does,
     * told at once of the requests the expired entry served.
     */
    public Lookup lookupOrWhyNot(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return new Lookup(Optional.empty(), null);
        }
        SessionView cached = cache.hit(sessionId);
        if (cached != null) {
            return new Lookup(Optional.of(cached), null);
        }
        SessionNearCache.Miss miss = cache.miss(sessionId);
        try {
            SessionView view = call(() -> miss.uses() == 1 ? sessions.lookup(sessionId) : sessions.touch(sessionId, miss.uses(), 0));
            cache.answered(miss, view);
            return new Lookup(Optional.of(view), null);
        } catch (SessionGone e) {
            cache.failed(miss);
            return new Lookup(Optional.empty(), e);
        } catch (RuntimeException e) {
            cache.failed(miss);
            throw e;
        }
    }

    /** This replica changed the session (its tokens, its id): its next check asks session-service. */
    public void changedHere(String sessionId) {
        cache.forget(sessionId);
    }

    public Optional<String> terminate(String sessionId) {
        cache.forget(sessionId);
        try {
            return Optional.ofNullable(call(() -> sessions.terminate(sessionId)).handle());
        } catch (SessionGone e) {
            return Optional.empty();
        }
    }

    /**
     * A new id for the session, named by {@code rotationKey} (the challenge that asked for it). session-service gives up
     * (409 session-busy) rather than wait past this call's budget for a refresh in flight: then nothing rotated, and the
     * user is asked to try again (503). An answer lost on the way (a reset connection, session-service restarting) may
     * hide a rotation that happened: then the same rotation is asked for once more, if that still fits in the browser's
     * answer (DESIGN 8: 5 s), and session-service answers the new id it made instead of a tombstone.
     */
    public CreatedSession rotate(String sessionId, String rotationKey) {
        long started = System.currentTimeMillis();
        try {
            return rotateOnce(sessionId, rotationKey);
        } catch (ProblemException unavailable) {
            boolean answerLost = unavailable.problem().type().equals(unavailable().problem().type());
            if (!answerLost || System.currentTimeMillis() - started + readTimeoutMs > ANSWER_BUDGET_MS) {
                throw unavailable;
            }
            return rotateOnce(sessionId, rotationKey);
        }
    }

    private CreatedSession rotateOnce(String sessionId, String rotationKey) {
        cache.forget(sessionId);
        try {
            return call(() -> sessions.rotate(sessionId, rotationKey));
        } catch (WebApplicationException busy) {
            throw new ProblemException(Problem.of("session-busy", "Try again", 503,
                    "Your session is being renewed; please try again."), java.util.Map.of("Retry-After", "1"));
        }
    }

    /**
     * Runs one session-service call, the only place its failures are translated: 404/410 → {@link SessionGone};
     * 409 stays a conflict for the caller to read; a refusal of what was sent (400, 413, 422, 428, 429) is the same
     * refusal for the browser, a 4xx problem (issue 23, item 1); unreachable, a 5xx, or the BFF's own token refused
     * (401/403: this replica is misconfigured, nothing the user can change) → a 503 problem (fail closed).
     */
    public static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                throw new SessionGone(null, null);
            }
            if (status == 410) {
                throw gone(e.getResponse());
            }
            if (status == 409) {
                throw e;
            }
            if (status == 400 || status == 413 || status == 422 || status == 428 || status == 429) {
                throw refused(e.getResponse());
            }
            throw unavailable();
        } catch (ProcessingException e) {
            throw unavailable();
        }
    }

    /** session-service's problem, as it named it (type, title, detail), with its status; nothing else of its answer. */
    private static ProblemException refused(Response response) {
        int status = response.getStatus();
        Problem problem = Problem.of("invalid-request", "Invalid request", status, "The request was refused.");
        JsonNode body = problemBody(response);
        String type = body.path("type").asText("");
        if (type.startsWith(Problem.TYPE_BASE)) {
            problem = Problem.of(type.substring(Problem.TYPE_BASE.length()), body.path("title").asText(problem.title()), status,
                    body.path("detail").asText(problem.detail()));
        }
        String retryAfter = response.getHeaderString("Retry-After");
        return retryAfter == null ? new ProblemException(problem)
                : new ProblemException(problem, java.util.Map.of("Retry-After", retryAfter));
    }

    private static ProblemException unavailable() {
        return new ProblemException(Problem.of("session-store-unavailable", "Sessions unavailable", 503,
                "Your session cannot be checked right now; please try again."), java.util.Map.of("Retry-After", "1"));
    }

    /**
     * A request that came with the session id a step-up replaced a moment ago: it did nothing, the session lives on
     * under the new id the browser holds by now, and the web app sends it once more (issue 23, item 5).
     */
    public static ProblemException sessionRenewed() {
        return new ProblemException(Problem.of("session-renewed", "Session renewed", 401,
                "Your session was renewed a moment ago; send the request again."));
    }

    /** session-service's 410: why the session ended and when (its problem's {@code reason}, {@code endedAt}). */
    private static SessionGone gone(Response response) {
        JsonNode body = problemBody(response);
        String endedAt = body.path("endedAt").asText(null);
        try {
            return new SessionGone(body.path("reason").asText(null), endedAt == null ? null : java.time.Instant.parse(endedAt));
        } catch (java.time.format.DateTimeParseException e) {
            return new SessionGone(null, null);
        }
    }

    /** session-service's problem body, or an empty object when there is none or it is no JSON. */
    private static JsonNode problemBody(Response response) {
        try {
            return READER.readTree(response.hasEntity() ? response.readEntity(String.class) : "{}");
        } catch (RuntimeException | java.io.IOException e) {
            return READER.createObjectNode();
        }
    }

    /** The session (or the entry asked for) ended or never existed; {@code reason} and {@code endedAt} when it ended. */
    public static final class SessionGone extends RuntimeException {

        private final String reason;
        private final java.time.Instant endedAt;

        SessionGone(String reason, java.time.Instant endedAt) {
            super(null, null, false, false);
            this.reason = reason;
            this.endedAt = endedAt;
        }

        /** This id was replaced by a new one (a step-up's rotation) no longer ago than {@code window}. */
        public boolean rotatedWithin(java.time.Duration window) {
            return "rotated".equals(reason) && endedAt != null && endedAt.plus(window).isAfter(java.time.Instant.now());
        }
    }
}
