package com.bank.auth.common.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bank.auth.common.security.IssuerKeys;

import com.sun.net.httpserver.HttpServer;

/** Stale-while-revalidate readiness against a local JWKS server that can go away. */
class JwksReadinessCheckTest {

    private HttpServer issuer;
    private String location;

    @BeforeEach
    void start() throws IOException {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/certs", exchange -> {
            byte[] jwks = "{\"keys\":[{\"kid\":\"k1\",\"kty\":\"RSA\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        issuer.start();
        location = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/certs";
    }

    @AfterEach
    void stop() {
        issuer.stop(0);
    }

    @Test
    void aBlipOfTheIssuerDoesNotMakeTheReplicaUnready() throws Exception {
        IssuerKeys keys = new IssuerKeys(location, Duration.ZERO);
        JwksReadinessCheck check = new JwksReadinessCheck(keys, Duration.ofMinutes(5));
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        issuer.stop(0);
        // The probes start refreshes in the background; wait until one of them has failed (issue 23: the test passed
        // whether or not a refresh ran), then the replica is still ready, from keys minutes fresh, and says why.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (keys.lastError() == null && System.nanoTime() < deadline) {
            assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
            Thread.sleep(50);
        }
        assertNotNull(keys.lastError(), "a background refresh ran and failed");
        HealthCheckResponse afterFailure = check.call();
        assertEquals(HealthCheckResponse.Status.UP, afterFailure.getStatus());
        assertTrue(afterFailure.getData().orElseThrow().containsKey("lastError"), afterFailure.getData().toString());
    }

    @Test
    void withoutAnyFetchedKeysItIsNotReady() {
        issuer.stop(0);
        JwksReadinessCheck check = new JwksReadinessCheck(new IssuerKeys(location, Duration.ZERO), Duration.ofMinutes(5));
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
    }

    @Test
    void keysStalerThanAllowedMakeItUnready() throws Exception {
        JwksReadinessCheck check = new JwksReadinessCheck(new IssuerKeys(location, Duration.ZERO), Duration.ofMillis(200));
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        issuer.stop(0);
        Thread.sleep(400);
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
    }
}
