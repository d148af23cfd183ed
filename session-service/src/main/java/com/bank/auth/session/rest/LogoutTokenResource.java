package com.bank.auth.session.rest;

import java.time.Duration;
import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.session.service.SessionService;

import io.quarkus.security.PermissionsAllowed;

/**
 * The replay memory of Keycloak's logout tokens (OIDC Back-Channel Logout: a {@code jti} is used once), shared by every
 * BFF replica because it lives in Redis: 201 the first time, 409 for a replay.
 */
@Path("/logout-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermissionsAllowed("sessions")
public class LogoutTokenResource {

    public record LogoutToken(@NotNull @Pattern(regexp = "[\\x21-\\x7e]{1,256}") String jti, @NotNull Instant expiresAt) {
    }

    private final SessionService sessions;

    LogoutTokenResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @POST
    public Response remember(@NotNull @jakarta.validation.Valid LogoutToken token) {
        Duration left = Duration.between(Instant.now(), token.expiresAt());
        // An expired token is refused by the BFF before it asks; a minute of memory still covers clock skew.
        if (sessions.firstUseOfLogoutToken(token.jti(), left.isNegative() ? Duration.ofMinutes(1) : left.plusMinutes(1))) {
            return Response.status(201).build();
        }
        return Problem.of("logout-token-replayed", "Logout token replayed", 409, "This logout token was used before.").toResponse();
    }
}
