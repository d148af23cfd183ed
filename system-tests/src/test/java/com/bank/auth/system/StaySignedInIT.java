package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.ThrowAwayUser;

/**
 * "Stay signed in" keeps a session alive although only it is used (issue 23, item 2). Keycloak's refresh token lives
 * SSO-idle after the last refresh, the BFF's idle timer slides on every request: without a refresh on keepalive the
 * session dies at the first refresh after Keycloak's idle window. Here Keycloak's idle window is 30 s and a BFF of its
 * own refreshes its 120 s access tokens only 30 s before they expire (production's skew), so the first refresh a
 * request needs comes at 90 s: by then three Keycloak idle windows have passed with nothing but keepalives.
 */
class StaySignedInIT {

    private static final int PORT = 18592;
    private static final int MANAGEMENT = 19592;
    private static final int KEYCLOAK_IDLE_SECONDS = 30;
    private static final Pattern IDLE = Pattern.compile("idle=(\\d+)");

    @RegisterExtension
    static final ThrowAwayUser USER = new ThrowAwayUser();

    @Test
    void aSessionKeptAliveOnlyByStaySignedInOutlivesSeveralKeycloakIdleWindows() throws Exception {
        Map<String, String> env = PackagedService.suiteEnvironment("auth-bff");
        env.put("BFF_REFRESH_SKEW", "30S");
        int before = Keycloak.local().ssoSessionIdle(KEYCLOAK_IDLE_SECONDS);
        try (PackagedService bff = PackagedService.start("auth-bff", "stay-signed-in-bff", PORT, MANAGEMENT, env)) {
            Browser app = new Browser("http://localhost:" + PORT);
            app.signIn(USER.get().username(), USER.get().password(), "/");
            assertEquals(200, app.get("/api/accounts").statusCode());
            for (int i = 1; i <= 5; i++) {
                Thread.sleep(20_000);
                HttpResponse<String> keepalive = app.postAsApp("/bff/session/keepalive", "");
                assertEquals(200, keepalive.statusCode(), "keepalive " + i + ": " + keepalive.body());
                // The countdown tells the truth: the session lasts as long as Keycloak's new refresh token, not 5 minutes.
                long idle = idleSeconds(keepalive);
                assertTrue(idle <= KEYCLOAK_IDLE_SECONDS, "keepalive " + i + " said idle=" + idle);
            }
            HttpResponse<String> accounts = app.get("/api/accounts");
            assertEquals(200, accounts.statusCode(), "100 s after sign-in, kept alive only by keepalives: " + accounts.body());
        } finally {
            Keycloak.local().ssoSessionIdle(before);
        }
    }

    private static long idleSeconds(HttpResponse<String> response) {
        Matcher idle = IDLE.matcher(response.headers().firstValue("Bank-Session-Expires-In").orElse(""));
        assertTrue(idle.find(), "no Bank-Session-Expires-In header");
        return Long.parseLong(idle.group(1));
    }
}
