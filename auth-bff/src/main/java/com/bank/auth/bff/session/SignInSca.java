package com.bank.auth.bff.session;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.bank.auth.bff.client.MfaServiceClient;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sign-in SCA when the last one is old (DESIGN 5a, PSD2 RTS Art. 10a). At sign-in the BFF asks mfa-service when the
 * user last completed SCA; past {@code bff.sca.login-max-age}, a user with an active factor gets no account data
 * until a {@code login} step-up. The session remembers the verdict ({@code loginScaPending}), so a request costs
 * nothing extra; a pending session asks again, so an SCA done elsewhere, or an mfa-service that was down at sign-in,
 * is noticed. Fail closed: mfa-service not answering at sign-in means pending, and a pending request then gets a 503.
 */
@ApplicationScoped
public class SignInSca {

    private final MfaServiceClient mfa;
    private final BffSessions sessions;
    private final BffConfig.Sca config;

    SignInSca(@RestClient MfaServiceClient mfa, BffSessions sessions, BffConfig config) {
        this.mfa = mfa;
        this.sessions = sessions;
        this.config = config.sca();
    }

    /** At sign-in: must this session wait for a login step-up? Unknown (mfa-service down) counts as yes. */
    public boolean pendingAtSignIn(String sub) {
        try {
            return required(sub);
        } catch (ProblemException | ProcessingException e) {
            return true;
        }
    }

    /** Before account data: a 401 {@code step-up-required} ({@code purpose: login}) while the session still waits for it. */
    public void require(String sessionId, SessionView session) {
        if (!session.loginScaPending()) {
            return;
        }
        boolean stillRequired;
        try {
            stillRequired = required(session.sub());
        } catch (ProcessingException e) {
            throw unavailable();
        }
        if (stillRequired) {
            throw new ProblemException(Problem.of("step-up-required", "Confirm it's you", 401,
                    "Your last strong authentication is more than " + config.loginMaxAge().toDays() + " days ago: confirm it's you with your second factor.")
                    .with(Map.of("purpose", StepUpTokenVerifier.LOGIN)));
        }
        sessions.loginScaDone(sessionId);
    }

    private boolean required(String sub) {
        try (Response answer = mfa.scaStatus(sub)) {
            if (answer.getStatus() != 200) {
                throw unavailable();
            }
            JsonNode status = answer.readEntity(JsonNode.class);
            if (!status.path("activeFactor").asBoolean(false)) {
                return false;   // nothing to confirm with: the first factor (with its letter) comes first
            }
            String last = status.path("lastScaAt").asText(null);
            return last == null || Instant.parse(last).plus(config.loginMaxAge()).isBefore(Instant.now());
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(Problem.of("mfa-unavailable", "Service unavailable", 503,
                "We could not check your sign-in right now; please try again."), Map.of("Retry-After", "2"));
    }
}
