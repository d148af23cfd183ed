package com.bank.auth.mfa.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.mfa.model.SecurityEvent;
import com.bank.auth.mfa.service.MfaProblems;
import com.bank.auth.mfa.service.SecurityEvents;

import io.quarkus.security.PermissionsAllowed;

/**
 * A user's security events, newest first (factor added, removed or locked: recorded here; sessions ended: recorded by
 * the BFF, which ends them at session-service). What the security page shows.
 */
@Path("/users/{sub}/security-events")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed("mfa")
public class SecurityEventResource {

    /** The only events another service may record; factor events are mfa-service's own. */
    private static final Set<String> RECORDABLE = Set.of(SecurityEvent.SESSIONS_ENDED);
    private static final int LIMIT = 50;

    public record EventView(String type, Instant occurredAt, String detail) {
    }

    public record NewEvent(String type, String detail) {
    }

    private final SecurityEvents events;

    SecurityEventResource(SecurityEvents events) {
        this.events = events;
    }

    @GET
    public List<EventView> list(@PathParam("sub") String sub) {
        return SecurityEvent.newestOf(Subjects.required(sub), LIMIT).stream()
                .map(e -> new EventView(e.type, e.occurredAt, e.detail)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response record(@PathParam("sub") String sub, NewEvent event) {
        if (event == null || !RECORDABLE.contains(event.type())) {
            throw MfaProblems.invalid("type", "must be one of " + RECORDABLE);
        }
        if (PaymentRules.textProblem(event.detail(), false).isPresent()) {
            throw MfaProblems.invalid("detail", "must be readable text of at most " + PaymentRules.MAX_TEXT + " characters");
        }
        events.record(Subjects.required(sub), event.type(), PaymentRules.normaliseText(event.detail()));
        return Response.status(201).entity(Map.of("type", event.type())).build();
    }
}
