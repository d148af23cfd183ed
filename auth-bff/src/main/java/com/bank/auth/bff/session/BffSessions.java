package com.bank.auth.bff.session;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.bank.auth.bff.client.SessionServiceClient;
import com.bank.auth.bff.client.SessionServiceClient.CreatedSession;
import com.bank.auth.bff.client.SessionServiceClient.NewSession;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.client.SessionServiceClient.TokenSet;
import com.bank.auth.bff.oidc.LoginResult;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;

/**
 * The BFF's side of session-service: an unknown or ended session is simply absent (the caller answers 401);
 * session-service unreachable or failing is a 503: the BFF fails closed, never serves without a checked session.
 */
@ApplicationScoped
public class BffSessions {

    private final SessionServiceClient sessions;

    BffSessions(@RestClient SessionServiceClient sessions) {
        this.sessions = sessions;
    }

    /** A new session; {@code loginScaPending}: account data waits for a sign-in SCA (DESIGN 5a). */
    public CreatedSession create(LoginResult login, String userAgent, boolean loginScaPending) {
        TokenSet tokens = new TokenSet(login.accessToken(), login.refreshToken(), login.idToken(), login.accessTokenExpiresAt());
        String agent = userAgent == null ? null : userAgent.substring(0, Math.min(512, userAgent.length()));
        return call(() -> sessions.create(new NewSession(login.sub(), login.sid(), login.acr(), login.amr(), login.authTime(), agent, tokens,
                loginScaPending)));
    }

    /** The sign-in SCA this session waited for is done. */
    public void loginScaDone(String sessionId) {
        call(() -> {
            sessions.loginScaDone(sessionId);
            return null;
        });
    }

    /** The live session of this id, its idle timer slid; empty if unknown, ended or malformed. */
    public Optional<SessionView> lookup(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(call(() -> sessions.lookup(sessionId)));
        } catch (SessionGone e) {
            return Optional.empty();
        }
    }

    public Optional<String> terminate(String sessionId) {
        try {
            return Optional.ofNullable(call(() -> sessions.terminate(sessionId)).handle());
        } catch (SessionGone e) {
            return Optional.empty();
        }
    }

    public CreatedSession rotate(String sessionId) {
        return call(() -> sessions.rotate(sessionId));
    }

    /**
     * Runs one session-service call, the only place its failures are translated: 404/410 → {@link SessionGone};
     * 409 stays a conflict for the caller to read; unreachable or anything else → a 503 problem (fail closed).
     */
    public static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404 || status == 410) {
                throw new SessionGone();
            }
            if (status == 409) {
                throw e;
            }
            throw unavailable();
        } catch (ProcessingException e) {
            throw unavailable();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(Problem.of("session-store-unavailable", "Sessions unavailable", 503,
                "Your session cannot be checked right now; please try again."), java.util.Map.of("Retry-After", "1"));
    }

    /** The session (or the entry asked for) ended or never existed. */
    public static final class SessionGone extends RuntimeException {
        SessionGone() {
            super(null, null, false, false);
        }
    }
}
