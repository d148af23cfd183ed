package com.bank.auth.bff.session;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import com.bank.auth.bff.client.SessionServiceClient.LeaseRequest;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.client.SessionServiceClient.TokenSet;
import com.bank.auth.bff.client.SessionServiceClient;
import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.bff.oidc.OidcProvider;
import com.bank.auth.bff.oidc.RefreshTokenExpiry;
import com.bank.auth.bff.oidc.OidcUnavailableException;
import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;

/**
 * A fresh enough access token for this session. Near expiry, exactly one request across all BFF replicas refreshes
 * (the session-service lease), so Keycloak's refresh-token reuse detection never fires on our own parallel requests.
 * A refused refresh ends the session.
 *
 * <p>Refresh ahead: while the token a request has stays valid longer than {@code bff.access-token-min-validity}, the
 * request sends it and the due refresh runs beside it, on a worker, once per session on this replica; nobody waits for
 * Keycloak. Only a token closer to its expiry makes requests wait, and then the others wait for the new token version
 * instead of refreshing again. Why: a refresh takes a Keycloak round trip, and every request of the session that
 * arrived meanwhile used to queue on a worker thread behind it (issue 25: at 500 req/s each refresh stalled the BFF).
 */
@ApplicationScoped
public class AccessTokens {

    private static final Logger LOG = Logger.getLogger(AccessTokens.class);
    /** One wait at session-service: a second less than the BFF waits for its answer (the REST client's read timeout). */
    private final long maxWaitMs;
    /** Tokens younger than this are never refreshed again for the refresh token's sake (Keycloak's iat has seconds). */
    private static final java.time.Duration MIN_REISSUE = java.time.Duration.ofSeconds(2);

    private final SessionServiceClient sessions;
    private final BffSessions bffSessions;
    private final Vertx vertx;
    /** Sessions whose refresh ahead runs now on this replica. */
    private final java.util.Set<String> refreshingAhead = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final OidcProvider provider;
    private final BffConfig config;
    private final long leaseMs;

    /** How long requests wait for another request's refresh (the single-flight lease), p99 on the dashboard. */
    private final Timer leaseWaits;

    AccessTokens(@RestClient SessionServiceClient sessions, BffSessions bffSessions, OidcProvider provider, BffConfig config,
            MeterRegistry registry, Vertx vertx,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.rest-client.read-timeout") long readTimeoutMs) {
        this.vertx = vertx;
        this.maxWaitMs = Math.max(100, readTimeoutMs - 1000);
        // The lease lasts as long as its refresh may take: Keycloak's connect and answer, then writing the new tokens.
        this.leaseMs = config.oidc().connectTimeout().plus(config.oidc().readTimeout()).toMillis() + readTimeoutMs;
        this.leaseWaits = Timer.builder("bank.refresh.lease.wait")
                .description("Time a request waited for the refresh another request of the same session was making")
                .publishPercentileHistogram().register(registry);
        this.sessions = sessions;
        this.bffSessions = bffSessions;
        this.provider = provider;
        this.config = config;
    }

    /** The token to send: the one held while it is valid long enough (a due refresh starts beside it), else refreshed. */
    public String accessToken(String sessionId, SessionView session) {
        return withoutWaiting(sessionId, session).orElseGet(() -> accessToken(sessionId, session, config.refreshIdleGrace(), true));
    }

    /**
     * The session's access token if this request need not wait for a refresh (never a call: safe on the event loop),
     * else empty. A refresh that is due but not urgent starts in the background.
     */
    public java.util.Optional<String> withoutWaiting(String sessionId, SessionView session) {
        if (fresh(session, config.refreshIdleGrace())) {
            return java.util.Optional.of(session.tokens().accessToken());
        }
        if (!session.tokens().accessTokenExpiresAt().isAfter(Instant.now().plus(config.accessTokenMinValidity()))) {
            return java.util.Optional.empty();
        }
        refreshAhead(sessionId, session);
        return java.util.Optional.of(session.tokens().accessToken());
    }

    /**
     * One background refresh per session on this replica at a time; another replica's refresh in flight (the lease is
     * taken) is left to finish, not waited for. Its failure is not this request's: a refused refresh ends the session
     * (as in the foreground), an unreachable Keycloak is tried again by a later request, in the foreground once the token
     * is close to its end.
     */
    private void refreshAhead(String sessionId, SessionView session) {
        if (!refreshingAhead.add(sessionId)) {
            return;
        }
        Context context = Vertx.currentContext();
        Context worker = context != null ? context : vertx.getOrCreateContext();
        worker.executeBlocking(() -> accessToken(sessionId, session, config.refreshIdleGrace(), false), false)
                .onComplete(done -> {
                    refreshingAhead.remove(sessionId);
                    if (done.failed()) {
                        LOG.debugf("refresh ahead failed (%s); a later request tries again", done.cause().getClass().getSimpleName());
                    }
                });
    }

    /**
     * "Stay signed in": the session's tokens, refreshed if Keycloak's refresh token would end before the idle
     * deadline this keepalive just set, so the whole idle window the user asked for is really there.
     */
    public SessionView keepAlive(String sessionId, SessionView session) {
        if (fresh(session, java.time.Duration.ZERO)) {
            return session;   // nothing to refresh: the lookup's view is the answer, no second read
        }
        accessToken(sessionId, session, java.time.Duration.ZERO, true);
        // session-service's view, as seen by this request: the near-cache may not have reported this use yet (DESIGN 3).
        return peek(sessionId).seenAt(Instant.now(), 0);
    }

    /** {@code waitForOthers}: false in the background, where another request's refresh in flight is left to finish. */
    private String accessToken(String sessionId, SessionView session, java.time.Duration idleGrace, boolean waitForOthers) {
        if (fresh(session, idleGrace)) {
            return session.tokens().accessToken();
        }
        // This request's owner token: only it may write the refreshed tokens while it holds the lease.
        String leaseId = UUID.randomUUID().toString();
        try {
            BffSessions.call(() -> sessions.refreshLease(sessionId, new LeaseRequest(leaseId, leaseMs)));
        } catch (WebApplicationException busy) {
            // 409: another request holds the lease and is refreshing right now.
            return waitForOthers ? leaseWaits.record(() -> waitForNewVersion(sessionId, session.tokenVersion())) : session.tokens().accessToken();
        } catch (BffSessions.SessionGone e) {
            throw ended(e);
        }
        boolean released = false;
        try {
            // Re-read under the lease: the previous holder may have refreshed (and released the lease) after this request
            // read the session. Refreshing again with that old refresh token would trip Keycloak's reuse detection.
            SessionView latest = peek(sessionId);
            if (latest.tokenVersion() != session.tokenVersion() || fresh(latest, idleGrace)) {
                return latest.tokens().accessToken();
            }
            String accessToken = refresh(sessionId, latest, leaseId);
            released = true;   // writing the tokens released the lease
            return accessToken;
        } finally {
            if (!released) {
                release(sessionId, leaseId);
            }
        }
    }

    /**
     * The lease (bank.sessions.refresh-lease-ttl, 10 s) outlives a whole refresh (Keycloak's budget: connect 2 s +
     * answer 4 s), so it is never renewed; a failed refresh gives it back at once instead of making others wait it out.
     */
    private void release(String sessionId, String leaseId) {
        try {
            sessions.releaseLease(sessionId, leaseId);
        } catch (RuntimeException e) {
            LOG.debugf("refresh lease not released (%s); it expires by itself", e.getClass().getSimpleName());
        }
    }

    private SessionView peek(String sessionId) {
        try {
            return BffSessions.call(() -> sessions.peek(sessionId, true));
        } catch (BffSessions.SessionGone e) {
            throw ended(e);
        }
    }

    private String refresh(String sessionId, SessionView session, String leaseId) {
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(provider.send("refresh", new TokenRequest(provider.metadata().getTokenEndpointURI(),
                    provider.clientAuthentication(), new RefreshTokenGrant(new RefreshToken(session.tokens().refreshToken())))
                    .toHTTPRequest()));
        } catch (IOException | ParseException e) {
            throw new OidcUnavailableException("refresh failed", e);
        }
        if (!response.indicatesSuccess()) {
            if (OAuth2Error.INVALID_GRANT.getCode().equals(response.toErrorResponse().getErrorObject().getCode())) {
                // Keycloak ended the session, or saw a refresh token twice: this session is over.
                Audit.event(AuditEvent.REFRESH_REFUSED, Outcome.FAILURE, session.sub(), Map.of("session", session.handle(), "reason", "invalid_grant"));
                bffSessions.terminate(sessionId);
                throw sessionExpired();
            }
            throw new OidcUnavailableException("refresh refused: " + response.toErrorResponse().getErrorObject().getCode(), null);
        }
        var tokens = response.toSuccessResponse().getTokens();
        var access = tokens.getAccessToken();
        String refresh = tokens.getRefreshToken() == null ? session.tokens().refreshToken() : tokens.getRefreshToken().getValue();
        String idToken = tokens instanceof com.nimbusds.openid.connect.sdk.token.OIDCTokens oidc && oidc.getIDToken() != null
                ? oidc.getIDTokenString() : session.tokens().idToken();
        Instant now = Instant.now();
        TokenSet next = new TokenSet(access.getValue(), refresh, idToken,
                now.plusSeconds(access.getLifetime() > 0 ? access.getLifetime() : 60),
                RefreshTokenExpiry.of(response.toSuccessResponse(), now));
        try {
            BffSessions.call(() -> sessions.updateTokens(sessionId, session.tokenVersion(), leaseId, next));
            bffSessions.changedHere(sessionId);
        } catch (BffSessions.SessionGone e) {
            // Ended meanwhile (logout, back-channel logout): the refreshed tokens belong to nobody.
            throw sessionExpired();
        } catch (WebApplicationException conflict) {
            // 409: the lease was lost (it outlived its TTL) or the version moved; never overwrite another's tokens.
            throw new ProblemException(Problem.of("refresh-conflict", "Try again", 503, "Your session is being renewed; please retry."),
                    Map.of("Retry-After", "1"));
        }
        Audit.event(AuditEvent.REFRESH, Outcome.SUCCESS, session.sub(), Map.of("session", session.handle()));
        return next.accessToken();
    }

    /**
     * Another request holds the lease: wait for its new token version, woken by session-service (Redis pub/sub) when
     * the tokens change, never by polling; each wait stays below the REST client's read budget. If the holder gave
     * the lease back without new tokens (its refresh failed), or nothing changed within {@code bff.refresh-wait}: 503.
     */
    private String waitForNewVersion(String sessionId, long oldVersion) {
        long deadline = System.currentTimeMillis() + config.refreshWait().toMillis();
        long left;
        while ((left = deadline - System.currentTimeMillis()) > 0) {
            long waitMs = Math.min(left, maxWaitMs);
            long asked = System.currentTimeMillis();
            SessionView now;
            try {
                now = BffSessions.call(() -> sessions.awaitTokens(sessionId, oldVersion, waitMs));
            } catch (BffSessions.SessionGone e) {
                throw ended(e);
            }
            if (now.tokenVersion() > oldVersion) {
                return now.tokens().accessToken();
            }
            if (System.currentTimeMillis() - asked < waitMs / 2) {
                break;   // woken without new tokens: the holder gave the lease back, its refresh failed
            }
        }
        throw new ProblemException(Problem.of("refresh-timeout", "Try again", 503, "Your session is being renewed; please retry."),
                Map.of("Retry-After", "1"));
    }

    /**
     * No refresh needed: the access token outlives the skew, and Keycloak's refresh token outlives the session's idle
     * deadline less {@code idleGrace} (unknown for sessions from before it was kept: then only the access token counts).
     * Near the end of Keycloak's SSO session its refresh tokens cannot outlive that end, however often they are
     * refreshed: tokens issued within the last {@code idleGrace} (at least a second) are then kept, so such a session
     * refreshes at most once per grace, never on every request.
     */
    private boolean fresh(SessionView session, java.time.Duration idleGrace) {
        Instant now = Instant.now();
        if (!session.tokens().accessTokenExpiresAt().isAfter(now.plus(config.refreshSkew()))) {
            return false;
        }
        Instant refreshEnds = session.tokens().refreshTokenExpiresAt();
        boolean refreshEndsTooSoon = refreshEnds != null && session.idleExpiresAt() != null
                && refreshEnds.isBefore(session.idleExpiresAt().minus(idleGrace));
        return !refreshEndsTooSoon || issuedAfter(session.tokens().accessToken(), now.minus(idleGrace.compareTo(MIN_REISSUE) < 0 ? MIN_REISSUE : idleGrace));
    }

    /** The access token's {@code iat} (a token Keycloak gave this BFF over the back channel: read, not re-verified). */
    private static boolean issuedAfter(String accessToken, Instant instant) {
        try {
            java.util.Date issued = com.nimbusds.jwt.JWTParser.parse(accessToken).getJWTClaimsSet().getIssueTime();
            return issued != null && issued.toInstant().isAfter(instant);
        } catch (java.text.ParseException e) {
            return false;
        }
    }

    /** Gone while this request used it: replaced by a step-up a moment ago (send again), or ended (sign in again). */
    private ProblemException ended(BffSessions.SessionGone gone) {
        return gone.rotatedWithin(config.rotationRetryWindow()) ? BffSessions.sessionRenewed() : sessionExpired();
    }

    static ProblemException sessionExpired() {
        return new ProblemException(Problem.of("session-expired", "Session expired", 401, "Your session has ended; please sign in again."));
    }
}
