package com.bank.auth.session.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.session.model.CreatedSession;
import com.bank.auth.session.model.LeaseGrant;
import com.bank.auth.session.model.NewSession;
import com.bank.auth.session.model.SessionView;
import com.bank.auth.session.model.TokenSet;
import com.bank.auth.session.service.SessionChanges;
import com.bank.auth.session.service.SessionService;
import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Multi;

/**
 * One session, named by the {@code Session-Id} header (never a path or query: ids must stay out of access logs).
 * Only the BFF calls this (client credentials, scope {@code sessions}).
 */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermissionsAllowed("sessions")
public class SessionResource {

    static final String SESSION_ID = "Session-Id";
    private static final String NAMESPACE = "payment|beneficiary|purpose|challenge";
    /** An Idempotency-Key, a challenge id or a purpose: the Idempotency-Key's characters, shorter ones allowed. */
    private static final String STEP_UP_KEY = com.bank.auth.common.payment.PaymentRules.KEY_CHARACTERS + "{1,128}";

    public record TokenVersion(long tokenVersion) {
    }

    /** {@code ttlMs}: how long the caller's refresh may take (absent or 0: the longest lease, {@code refresh-lease-ttl}). */
    public record LeaseRequest(String leaseId, Long ttlMs) {
    }

    public record Ended(String handle) {
    }

    private final SessionService sessions;
    private final SessionChanges changeStream;

    SessionResource(SessionService sessions, SessionChanges changeStream) {
        this.sessions = sessions;
        this.changeStream = changeStream;
    }

    @POST
    public Response create(@NotNull @Valid NewSession request) {
        return Response.status(201).entity(sessions.create(request)).build();
    }

    /**
     * The live session, its idle timer slid (a {@code peek} neither slides nor counts). {@code uses} and
     * {@code seenAgoMs}: a BFF's near-cache (DESIGN 3) reports the requests it served from memory since its last touch,
     * and how long ago the last one was, so the session's count and idle deadline stay true within one touch interval.
     */
    @POST
    @Path("/lookup")
    public SessionView lookup(@HeaderParam(SESSION_ID) String sessionId, @QueryParam("peek") boolean peek,
            @QueryParam("uses") @DefaultValue("1") @Min(1) @Max(1_000_000) long uses,
            @QueryParam("seenAgoMs") @DefaultValue("0") @Min(0) @Max(86_400_000) long seenAgoMs) {
        return peek ? sessions.lookup(required(sessionId), true) : sessions.touch(required(sessionId), uses, seenAgoMs);
    }

    /**
     * The change stream of DESIGN 3 (Server-Sent Events, one per BFF replica): each event's data is {@code s:<hash>} (a
     * session ended, rotated, refreshed or had a step-up entry changed), {@code u:<sub>} (a user's sessions ended),
     * {@code hb:<replica>} (a heartbeat that came through Redis, each second) or {@code reset} (this replica lost
     * Redis' messages for a while: drop everything). A BFF serves from memory only while heartbeats arrive.
     */
    @GET
    @Path("/changes")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> changes() {
        if (!changeStream.accepting()) {
            throw new ProblemException(Problem.of("shutting-down", "Shutting down", 503, "This replica is stopping; connect to another."),
                    java.util.Map.of("Retry-After", "1"));
        }
        return changeStream.subscribe();
    }

    /**
     * For a request waiting on another's refresh: answers the session (a peek) as soon as its tokens are newer than
     * {@code If-None-Match} or the lease is given back, or after {@code waitMs} (at most {@code bank.sessions.max-wait},
     * below the caller's read budget; a longer wait asked for is cut to it) with the same version. Woken by Redis
     * pub/sub, never by polling.
     */
    @POST
    @Path("/await-tokens")
    public SessionView awaitTokens(@HeaderParam(SESSION_ID) String sessionId, @HeaderParam("If-None-Match") String version,
            @jakarta.ws.rs.QueryParam("waitMs") @DefaultValue("3000") @Min(0) @Max(30000) long waitMs) {
        return sessions.awaitNewerTokens(required(sessionId), version(version), java.time.Duration.ofMillis(waitMs));
    }

    /** {@code Lease-Id}: the refresh lease the caller holds; while another holds it, the update is refused (409). */
    @PUT
    @Path("/tokens")
    public TokenVersion updateTokens(@HeaderParam(SESSION_ID) String sessionId, @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Lease-Id") String leaseId, @NotNull @Valid TokenSet tokens) {
        return new TokenVersion(sessions.updateTokens(required(sessionId), version(ifMatch), tokens, leaseId));
    }

    @POST
    @Path("/refresh-lease")
    public LeaseGrant lease(@HeaderParam(SESSION_ID) String sessionId, LeaseRequest request) {
        return sessions.lease(required(sessionId), request == null ? null : request.leaseId(), request == null ? null : request.ttlMs());
    }

    /** Gives the lease back (the holder's refresh failed), so a waiting request can refresh at once; 204 either way. */
    @DELETE
    @Path("/refresh-lease")
    public Response releaseLease(@HeaderParam(SESSION_ID) String sessionId, @HeaderParam("Lease-Id") String leaseId) {
        if (leaseId != null && !leaseId.isBlank()) {
            sessions.releaseLease(required(sessionId), leaseId);
        }
        return Response.noContent().build();
    }

    /**
     * A new id for the session. {@code Idempotency-Key} (optional) names this rotation: asked again with the same key
     * while the new session lives (within {@code rotation-replay-window}), it answers the same new id.
     */
    @POST
    @Path("/rotate")
    public CreatedSession rotate(@HeaderParam(SESSION_ID) String sessionId,
            @HeaderParam("Idempotency-Key") @Pattern(regexp = STEP_UP_KEY) String rotationKey) {
        return sessions.rotate(required(sessionId), rotationKey);
    }

    /** The user completed the sign-in SCA this session waited for (DESIGN 5a, RTS Art. 10a). */
    @POST
    @Path("/login-sca")
    public Response loginScaDone(@HeaderParam(SESSION_ID) String sessionId) {
        sessions.loginScaDone(required(sessionId));
        return Response.noContent().build();
    }

    /**
     * Step-up state of the session, in separate namespaces so that an entry of one kind can never be read as another:
     * {@code payment} (per Idempotency-Key: the refused payment and its approval), {@code purpose} (session-wide
     * approvals: {@code admin}, {@code factor-change}) and {@code challenge} (which entry a challenge belongs to).
     * {@code keepApproved=true}: an entry that already holds an approval ({@code stepUpToken}) is left as it is.
     */
    @PUT
    @Path("/step-ups/{namespace}/{key}")
    public Response putStepUp(@HeaderParam(SESSION_ID) String sessionId, @PathParam("namespace") @Pattern(regexp = NAMESPACE) String namespace,
            @PathParam("key") @Pattern(regexp = STEP_UP_KEY) String key, @QueryParam("keepApproved") boolean keepApproved,
            @NotNull JsonNode entry) {
        if (!entry.isObject() || entry.toString().length() > 32_768) {
            throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400,
                    "A step-up entry is a JSON object of at most 32 KiB."));
        }
        sessions.putStepUp(required(sessionId), namespace + "/" + key, entry, keepApproved);
        return Response.noContent().build();
    }

    @GET
    @Path("/step-ups/{namespace}/{key}")
    public JsonNode getStepUp(@HeaderParam(SESSION_ID) String sessionId, @PathParam("namespace") @Pattern(regexp = NAMESPACE) String namespace,
            @PathParam("key") @Pattern(regexp = STEP_UP_KEY) String key) {
        return sessions.getStepUp(required(sessionId), namespace + "/" + key);
    }

    /** Forgets an entry (an approval that was used); 204 whether or not it existed. */
    @DELETE
    @Path("/step-ups/{namespace}/{key}")
    public Response deleteStepUp(@HeaderParam(SESSION_ID) String sessionId,
            @PathParam("namespace") @Pattern(regexp = NAMESPACE) String namespace, @PathParam("key") @Pattern(regexp = STEP_UP_KEY) String key) {
        sessions.deleteStepUp(required(sessionId), namespace + "/" + key);
        return Response.noContent().build();
    }

    @DELETE
    public Ended terminate(@HeaderParam(SESSION_ID) String sessionId) {
        return new Ended(sessions.terminate(required(sessionId), "logout"));
    }

    private static String required(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            throw new ProblemException(Problem.of("missing-session-id", "Missing Session-Id", 400,
                    "The Session-Id header is required."));
        }
        return sessionId;
    }

    private static long version(String ifMatch) {
        String value = ifMatch == null ? "" : ifMatch.replace("\"", "").trim();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.of("missing-if-match", "If-Match required", 428,
                    "Send the token version you read (If-Match, or If-None-Match when waiting for a newer one)."));
        }
    }
}
