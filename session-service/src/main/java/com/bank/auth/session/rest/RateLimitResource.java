package com.bank.auth.session.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.bank.auth.session.service.SessionService;

import io.quarkus.security.PermissionsAllowed;

/**
 * Counters the BFF's replicas share for abuse limits (DESIGN 8: sign-ins per client address), in Redis, which stays
 * private to session-service. A fixed window per key: {@code {allowed:true}}, or {@code {allowed:false,
 * retryAfterMs}}. The key is a hash the BFF made: no client address is stored in clear.
 */
@Path("/rate-limits/{name}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermissionsAllowed("sessions")
public class RateLimitResource {

    public record Hit(@NotNull @Pattern(regexp = "[0-9a-f]{64}") String key, @Min(1) @Max(1_000_000) int limit,
            @Min(1000) @Max(86_400_000) long windowMs) {
    }

    public record Verdict(boolean allowed, Long retryAfterMs) {
    }

    private final SessionService sessions;

    RateLimitResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @POST
    public Verdict hit(@PathParam("name") @Pattern(regexp = "[a-z-]{1,32}") String name, @NotNull @Valid Hit hit) {
        var refused = sessions.rateLimit(name, hit.key(), hit.limit(), hit.windowMs());
        return refused.isPresent() ? new Verdict(false, refused.getAsLong()) : new Verdict(true, null);
    }
}
