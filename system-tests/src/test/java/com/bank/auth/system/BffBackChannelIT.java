package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.TestUser;

/**
 * The BFF as the Helm chart runs it in a cluster: tokens name the public issuer, but the BFF reaches Keycloak only at
 * another address (bff.oidc.backchannel-url, Keycloak's in-cluster Service). Here a second BFF reaches Keycloak only
 * through a relay on another port; Keycloak (hostname-backchannel-dynamic, as ./suite and the chart run it) names its
 * back-channel endpoints under the relay's address. A whole sign-in, a session and a sign-out must work, and every
 * back-channel call (discovery, PAR, code exchange, service token, logout) must go through the relay.
 */
class BffBackChannelIT {

    private static final int PORT = 18580;
    private static final int MANAGEMENT = 19580;

    @Test
    void theBffReachesKeycloakOnlyThroughItsBackChannelUrl() throws Exception {
        try (Relay relay = new Relay(URI.create(Keycloak.local().url()).getPort()); TestUser user = TestUser.create()) {
            try (PackagedService bff = PackagedService.start("auth-bff", "backchannel-bff", PORT, MANAGEMENT, environment(relay.port()))) {
                Browser browser = new Browser("http://localhost:" + PORT);
                HttpResponse<String> callback = browser.signIn(user.username(), user.password(), "/");
                assertEquals(302, callback.statusCode(), callback.body());
                HttpResponse<String> me = browser.get("/bff/user");
                assertEquals(200, me.statusCode(), me.body());
                assertTrue(me.body().contains(user.sub()), me.body());
                assertEquals(200, browser.postAsApp("/bff/logout", "").statusCode());

                // Keycloak's session ends from the back channel after the answer: wait for that call too.
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!relay.seen().contains("/protocol/openid-connect/logout") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                String seen = relay.seen();
                for (String call : List.of("/realms/bank/.well-known/openid-configuration", "/realms/bank/protocol/openid-connect/ext/par/request",
                        "grant_type=authorization_code", "grant_type=client_credentials", "/realms/bank/protocol/openid-connect/logout")) {
                    assertTrue(seen.contains(call), "the back channel carried " + call);
                }
                while (user.keycloakSessions() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(0, user.keycloakSessions(), "Keycloak's session ended through the back channel");
            }
        }
    }

    private static Map<String, String> environment(int relayPort) {
        return Map.of(
                "QUARKUS_SHUTDOWN_DELAY", "0S",
                // The app's origin is the registered one (Keycloak redirects the browser there); this test's browser
                // takes the redirect to this instance instead.
                "BFF_ORIGIN", Suite.BFF,
                "BANK_KEYCLOAK_URL", Keycloak.local().url(),
                "BFF_OIDC_BACKCHANNEL_URL", "http://127.0.0.1:" + relayPort + "/realms/bank",
                "BFF_OIDC_CLIENT_SECRET", Keycloak.BFF_SECRET,
                "BFF_COOKIES_ALLOW_EPHEMERAL_KEY", "true",
                "QUARKUS_REST_CLIENT_SESSION_SERVICE_URL", Suite.SESSIONS,
                "QUARKUS_REST_CLIENT_MFA_SERVICE_URL", Suite.MFA,
                "BFF_PAYMENTS_URL", Suite.PAYMENTS);
    }

    /** A TCP relay to Keycloak on a port of its own, keeping what callers sent (request lines and bodies). */
    private static final class Relay implements AutoCloseable {

        private final ServerSocket server;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Relay(int targetPort) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket keycloak = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                        Thread.ofVirtual().start(() -> pipe(client, keycloak, true));
                        Thread.ofVirtual().start(() -> pipe(keycloak, client, false));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        String seen() {
            synchronized (seen) {
                return seen.toString(StandardCharsets.ISO_8859_1);
            }
        }

        private void pipe(Socket from, Socket to, boolean record) {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    if (record) {
                        synchronized (seen) {
                            seen.write(buffer, 0, n);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
