package com.bank.auth.common.health;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import com.bank.auth.common.security.IssuerKeys;

/**
 * Ready while the token issuer's JWKS answered recently: without keys a resource server can accept no token, so traffic
 * should go to a replica that can. Stale-while-revalidate: a probe answers from the last result and lets
 * {@link IssuerKeys} refresh it in the background; only when no fetch succeeded for {@code bank.health.jwks-max-stale}
 * is the replica unready. So a Keycloak blip does not take every pod of every service out of rotation at once, and a
 * probe never waits on Keycloak (but for the very first one).
 */
@Readiness
@ApplicationScoped
public class JwksReadinessCheck implements HealthCheck {

    private final IssuerKeys keys;
    private final Duration maxStale;

    @Inject
    JwksReadinessCheck(IssuerKeys keys, @ConfigProperty(name = "bank.health.jwks-max-stale", defaultValue = "5M") Duration maxStale) {
        this.keys = keys;
        this.maxStale = maxStale;
    }

    @Override
    public HealthCheckResponse call() {
        if (keys.neverTried()) {
            keys.refresh();   // the first probe: nothing to answer from yet
        } else {
            keys.refreshInBackgroundIfDue();
        }
        Instant success = keys.lastSuccess();
        boolean fresh = success != null && success.plus(maxStale).isAfter(Instant.now());
        var response = HealthCheckResponse.named("jwks").withData("location", keys.location()).status(fresh);
        if (success != null) {
            response.withData("lastFetched", success.toString());
        }
        if (keys.lastError() != null) {
            response.withData("lastError", keys.lastError());
        }
        return response.build();
    }
}
