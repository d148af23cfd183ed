package com.bank.auth.bff.client;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * session-service, called with bank-bff's client-credentials token (scope {@code sessions}), which quarkus-oidc-client
 * fetches, caches and renews before expiry. Errors arrive as {@code WebApplicationException} with the status.
 */
@RegisterRestClient(configKey = "session-service")
@RegisterProvider(SessionsServiceTokens.class)
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SessionServiceClient {

    /** {@code refreshTokenExpiresAt}: when Keycloak refuses the refresh token (null: not known, e.g. older sessions). */
    record TokenSet(String accessToken, String refreshToken, String idToken, Instant accessTokenExpiresAt, Instant refreshTokenExpiresAt) {
        @Override
        public String toString() {
            return "TokenSet[]";
        }
    }

    record NewSession(String sub, String sid, String acr, List<String> amr, Instant authTime, String userAgent, TokenSet tokens,
            boolean loginScaPending) {
    }

    record CreatedSession(String sessionId, String handle, Instant idleExpiresAt, Instant absoluteExpiresAt, long tokenVersion,
            List<String> supersededHandles) {
        @Override
        public String toString() {
            return "CreatedSession[handle=" + handle + "]";
        }
    }

    record SessionView(String handle, String sub, String sid, String acr, List<String> amr, Instant authTime, String userAgent,
            Instant createdAt, Instant lastSeenAt, long uses, Instant idleExpiresAt, Instant absoluteExpiresAt, long tokenVersion,
            TokenSet tokens, boolean loginScaPending) {

        /**
         * When this session stops working if left alone: its idle deadline, or earlier, when Keycloak's refresh token
         * ends first (then the next refresh would be refused). What the web app's countdown shows.
         */
        public Instant idleEndsAt() {
            Instant refreshEnds = tokens == null ? null : tokens.refreshTokenExpiresAt();
            return refreshEnds == null || idleExpiresAt == null || idleExpiresAt.isBefore(refreshEnds) ? idleExpiresAt : refreshEnds;
        }

        /**
         * This view as session-service will describe it once told of {@code moreUses} requests, the last at {@code when}
         * (the near-cache served them from memory, DESIGN 3): seen then, its idle deadline slid from then.
         */
        public SessionView seenAt(Instant when, long moreUses) {
            if (lastSeenAt == null || idleExpiresAt == null || absoluteExpiresAt == null) {
                return this;
            }
            Instant idle = when.plus(java.time.Duration.between(lastSeenAt, idleExpiresAt));
            return new SessionView(handle, sub, sid, acr, amr, authTime, userAgent, createdAt, when, uses + moreUses,
                    idle.isBefore(absoluteExpiresAt) ? idle : absoluteExpiresAt, absoluteExpiresAt, tokenVersion, tokens, loginScaPending);
        }
    }

    record Ended(String handle) {
    }

    @POST
    CreatedSession create(NewSession session);

    @POST
    @Path("/lookup")
    SessionView lookup(@HeaderParam("Session-Id") String sessionId);

    /**
     * A lookup that also reports what the near-cache served from memory (DESIGN 3): {@code uses} requests, the last
     * {@code seenAgoMs} ago (the idle timer slides to then).
     */
    @POST
    @Path("/lookup")
    SessionView touch(@HeaderParam("Session-Id") String sessionId, @jakarta.ws.rs.QueryParam("uses") long uses,
            @jakarta.ws.rs.QueryParam("seenAgoMs") long seenAgoMs);

    /** The change stream (DESIGN 3): {@code s:<hash>}, {@code u:<sub>}, {@code hb:<replica>} or {@code reset} per event. */
    @jakarta.ws.rs.GET
    @Path("/changes")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @org.jboss.resteasy.reactive.RestStreamElementType(MediaType.TEXT_PLAIN)
    io.smallrye.mutiny.Multi<String> changes();

    /** A read that neither slides the idle timer nor counts as a use: for requests waiting on another's refresh. */
    @POST
    @Path("/lookup")
    SessionView peek(@HeaderParam("Session-Id") String sessionId, @jakarta.ws.rs.QueryParam("peek") boolean peek);

    /** Answers as soon as the tokens are newer than {@code tokenVersion} or the lease is given back, else after {@code waitMs}. */
    @POST
    @Path("/await-tokens")
    SessionView awaitTokens(@HeaderParam("Session-Id") String sessionId, @HeaderParam("If-None-Match") long tokenVersion,
            @jakarta.ws.rs.QueryParam("waitMs") long waitMs);

    /** Fenced: refused (409) unless {@code tokenVersion} is current and no one but {@code leaseId} holds the lease. */
    @PUT
    @Path("/tokens")
    TokenVersion updateTokens(@HeaderParam("Session-Id") String sessionId, @HeaderParam("If-Match") long tokenVersion,
            @HeaderParam("Lease-Id") String leaseId, TokenSet tokens);

    /** {@code rotationKey}: names this rotation, so asking again with it (the answer was lost) gets the same new id. */
    @POST
    @Path("/rotate")
    CreatedSession rotate(@HeaderParam("Session-Id") String sessionId, @HeaderParam("Idempotency-Key") String rotationKey);

    @POST
    @Path("/login-sca")
    void loginScaDone(@HeaderParam("Session-Id") String sessionId);
    @DELETE
    Ended terminate(@HeaderParam("Session-Id") String sessionId);

    record TokenVersion(long tokenVersion) {
    }

    /** {@code ttlMs}: how long this refresh may take (session-service grants at most its own longest lease). */
    record LeaseRequest(String leaseId, long ttlMs) {
    }

    record LeaseGrant(String leaseId, long ttlMs) {
    }

    record SessionSummary(String handle, Instant createdAt, Instant lastSeenAt, long uses, String userAgent) {
    }

    record EndedSessions(List<String> endedHandles) {
    }

    /** 200 to the one caller who may refresh; 409 (WebApplicationException) with retryAfterMs for the others. */
    @POST
    @Path("/refresh-lease")
    LeaseGrant refreshLease(@HeaderParam("Session-Id") String sessionId, LeaseRequest request);

    /** Gives the lease back when the holder's refresh failed, so a waiting request can refresh at once. */
    @jakarta.ws.rs.DELETE
    @Path("/refresh-lease")
    void releaseLease(@HeaderParam("Session-Id") String sessionId, @HeaderParam("Lease-Id") String leaseId);

    /**
     * {@code namespace}: {@code payment}, {@code purpose} or {@code challenge}; entries of one never read as another's.
     * {@code keepApproved}: an entry already holding a step-up token is left as it is.
     */
    @PUT
    @Path("/step-ups/{namespace}/{key}")
    void putStepUp(@HeaderParam("Session-Id") String sessionId, @jakarta.ws.rs.PathParam("namespace") String namespace,
            @jakarta.ws.rs.PathParam("key") String key, @jakarta.ws.rs.QueryParam("keepApproved") boolean keepApproved,
            com.fasterxml.jackson.databind.node.ObjectNode entry);

    @jakarta.ws.rs.GET
    @Path("/step-ups/{namespace}/{key}")
    com.fasterxml.jackson.databind.node.ObjectNode getStepUp(@HeaderParam("Session-Id") String sessionId,
            @jakarta.ws.rs.PathParam("namespace") String namespace, @jakarta.ws.rs.PathParam("key") String key);

    @jakarta.ws.rs.DELETE
    @Path("/step-ups/{namespace}/{key}")
    void deleteStepUp(@HeaderParam("Session-Id") String sessionId, @jakarta.ws.rs.PathParam("namespace") String namespace,
            @jakarta.ws.rs.PathParam("key") String key);
}
