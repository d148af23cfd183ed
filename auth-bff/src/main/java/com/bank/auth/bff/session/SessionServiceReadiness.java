package com.bank.auth.bff.session;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.HealthGroup;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.bank.auth.bff.client.SessionServiceClient;

/**
 * Whether session-service (and its Redis) answers, in the health group {@code dependencies}
 * ({@code /q/health/group/dependencies}, for dashboards and alerts), deliberately not in readiness: session-service is
 * shared by every BFF replica, so a Redis failover would take all of them out of the Service at once, and the web app
 * and its sign-in page with them. Signed-in requests fail closed with a 503 problem meanwhile (issue 24), and readiness
 * stays about what is this replica's own. The probe looks up an id that cannot exist: 404 means session-service and
 * its Redis answered; a 5xx, a timeout or no connection means DOWN.
 */
@HealthGroup("dependencies")
@ApplicationScoped
public class SessionServiceReadiness implements HealthCheck {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionServiceClient sessions;

    SessionServiceReadiness(@RestClient SessionServiceClient sessions) {
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("session-service");
        try {
            sessions.lookup(unknownId());
            return response.up().build();   // cannot happen for a fresh random id; it answered all the same
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return response.withData("status", status).status(status < 500).build();
        } catch (ProcessingException e) {
            return response.withData("error", e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName())
                    .down().build();
        }
    }

    private static String unknownId() {
        byte[] id = new byte[32];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
