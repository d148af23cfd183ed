package com.bank.auth.bff.abuse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.bank.auth.bff.client.UserSessionsClient;
import com.bank.auth.bff.client.UserSessionsClient.RateLimitHit;
import com.bank.auth.bff.client.UserSessionsClient.RateLimitVerdict;
import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.bff.session.BffSessions;
import com.bank.auth.common.abuse.AbuseRefusal;
import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Abuse limits of {@code GET /bff/login} (DESIGN 8), checked before the PAR call each sign-in costs Keycloak:
 * <ul>
 * <li>per replica (2,000 a minute, refilled at the end of each minute): a Bucket4j token bucket in memory. A well-kept library for what is a token
 * bucket; in memory because it guards this replica's own share of Keycloak's PAR store;</li>
 * <li>per client address (20 a minute) on all replicas: a counter in session-service's Redis (the BFF never talks to
 * Redis itself), keyed by a hash of the address. Behind an ingress the address comes from its forwarded header only
 * when the ingress is a trusted proxy ({@code quarkus.http.proxy.trusted-proxies}); any other peer's header is ignored.</li>
 * </ul>
 * Refused: 429 problem with Retry-After, a metric, an audit event; no PAR call is made.
 */
@ApplicationScoped
public class LoginLimits {

    private final UserSessionsClient sessions;
    private final BffConfig.LoginLimits config;
    private final Bucket replica;

    LoginLimits(@RestClient UserSessionsClient sessions, BffConfig config) {
        this.sessions = sessions;
        this.config = config.loginLimits();
        this.replica = Bucket.builder().addLimit(Bandwidth.builder().capacity(this.config.perReplica())
                .refillIntervally(this.config.perReplica(), this.config.window()).build()).build();
    }

    /** Counts one sign-in from {@code clientAddress}; a 429 problem if a limit is reached. */
    public void check(String clientAddress) {
        ConsumptionProbe probe = replica.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw refuse("login-replica", clientAddress, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        }
        RateLimitVerdict verdict = BffSessions.call(() -> sessions.rateLimit("login",
                new RateLimitHit(hash(clientAddress), config.perClient(), config.window().toMillis())));
        if (!verdict.allowed()) {
            // No PAR call is made for it: the replica's budget gets its token back.
            replica.addTokens(1);
            throw refuse("login-client", clientAddress, Duration.ofMillis(verdict.retryAfterMs() == null ? 1000 : verdict.retryAfterMs()).toSeconds() + 1);
        }
    }

    private static RuntimeException refuse(String limit, String clientAddress, long retryAfterSeconds) {
        Audit.event(AuditEvent.LOGIN_RATE_LIMITED, Outcome.FAILURE, null, Map.of("limit", limit));
        return AbuseRefusal.of(limit, "Too many sign-ins were started from here; please wait a moment and try again.", retryAfterSeconds);
    }

    private static String hash(String clientAddress) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("login-client:" + clientAddress).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
