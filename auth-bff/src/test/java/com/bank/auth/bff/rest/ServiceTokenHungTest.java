package com.bank.auth.bff.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.KeycloakTestResource;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;

/**
 * Keycloak hung while the BFF needs a new service token (quarkus-oidc-client renews it before expiry): the token
 * endpoint accepts the connection and never answers. A signed-in call must fail closed with a 503 problem within the
 * token budget (4 s, DESIGN 8), never hang. quarkus-oidc-client alone has a connect timeout only.
 */
@QuarkusTest
@TestProfile(ServiceTokenHungTest.HungTokenEndpoint.class)
@WithTestResource(KeycloakTestResource.class)
class ServiceTokenHungTest {

    public static class HungTokenEndpoint implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(BlackHole.class));
        }
    }

    /** Accepts connections and never answers, like a process stopped with SIGSTOP. */
    public static class BlackHole implements QuarkusTestResourceLifecycleManager {
        private ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        @Override
        public Map<String, String> start() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            String hung = "http://127.0.0.1:" + server.getLocalPort() + "/realms/bank";
            return Map.of("quarkus.oidc-client.sessions.auth-server-url", hung,
                    "quarkus.oidc-client.sessions.discovery-enabled", "false",
                    "quarkus.oidc-client.sessions.token-path", "/protocol/openid-connect/token");
        }

        @Override
        public void stop() {
            try {
                server.close();
                for (Socket socket : held) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Test
    void aSignedInCallIsA503WithinTheBudgetNotAHang() {
        long start = System.nanoTime();
        // Without the budget the call would hang: the test's own socket timeout turns that into a failure, not a stall.
        given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 15_000)))
                .cookie("__Host-bank-session", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").get("/bff/user").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bank.example/problems/session-store-unavailable"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 8_000, "answered in " + millis + " ms");
    }
}
