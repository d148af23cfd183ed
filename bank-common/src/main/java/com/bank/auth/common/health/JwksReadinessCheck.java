package com.bank.auth.common.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the token issuer's JWKS answered recently: without keys a resource server can accept no token, so traffic
 * should go to a replica that can. Stale-while-revalidate: a probe answers from the last result and refreshes it in
 * the background (at most every {@code bank.health.jwks-refresh-interval}); only when no fetch succeeded for
 * {@code bank.health.jwks-max-stale} is the replica unready. So a Keycloak blip does not take every pod of every
 * service out of rotation at once, and a probe never waits on Keycloak (but for the very first one).
 */
@Readiness
@ApplicationScoped
public class JwksReadinessCheck implements HealthCheck {

    private static final Duration BUDGET = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(BUDGET).build();

    private final String jwksLocation;
    private final Duration refreshInterval;
    private final Duration maxStale;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Instant lastAttempt = Instant.EPOCH;
    private volatile Instant lastSuccess;
    private volatile String lastError = "not fetched yet";

    JwksReadinessCheck(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String jwksLocation,
            @ConfigProperty(name = "bank.health.jwks-refresh-interval", defaultValue = "15S") Duration refreshInterval,
            @ConfigProperty(name = "bank.health.jwks-max-stale", defaultValue = "5M") Duration maxStale) {
        this.jwksLocation = jwksLocation;
        this.refreshInterval = refreshInterval;
        this.maxStale = maxStale;
    }

    @Override
    public HealthCheckResponse call() {
        if (lastSuccess == null && lastAttempt.equals(Instant.EPOCH)) {
            fetch();   // the first probe: nothing to answer from yet
        } else if (lastAttempt.plus(refreshInterval).isBefore(Instant.now()) && refreshing.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    fetch();
                } finally {
                    refreshing.set(false);
                }
            });
        }
        Instant success = lastSuccess;
        boolean fresh = success != null && success.plus(maxStale).isAfter(Instant.now());
        var response = HealthCheckResponse.named("jwks").withData("location", jwksLocation).status(fresh);
        if (success != null) {
            response.withData("lastFetched", success.toString());
        }
        if (lastError != null) {
            response.withData("lastError", lastError);
        }
        return response.build();
    }

    private void fetch() {
        lastAttempt = Instant.now();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(jwksLocation)).timeout(BUDGET).build();
            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                lastSuccess = Instant.now();
                lastError = null;
            } else {
                lastError = "HTTP " + status;
            }
        } catch (IOException | IllegalArgumentException e) {
            lastError = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastError = "interrupted";
        }
    }
}
