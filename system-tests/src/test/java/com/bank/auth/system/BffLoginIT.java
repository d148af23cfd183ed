package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.ThrowAwayUser;

/** Login, session cookies, CSRF and logout through the real BFF, Keycloak and session-service. */
class BffLoginIT {

    /** A throw-away user: the demo users' sessions and factors are never touched. */
    @RegisterExtension
    static final ThrowAwayUser USER = new ThrowAwayUser();


    @Test
    void loginUsesParAndEndsWithHostCookiesAndAUser() {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get("/bff/login?returnTo=/payments");
        assertEquals(302, login.statusCode());
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        assertTrue(authorize.toString().startsWith(Keycloak.local().issuer() + "/protocol/openid-connect/auth?"));
        // PAR: the browser sees only client_id and request_uri, nothing of PKCE, state or nonce.
        assertEquals(List.of("client_id", "request_uri"), List.of(authorize.getQuery().split("&")).stream()
                .map(p -> p.substring(0, p.indexOf('='))).sorted().toList());
        String loginCookie = Browser.setCookies(login, "__Host-bank-login").get(0);
        assertTrue(loginCookie.contains("HttpOnly") && loginCookie.contains("Secure") && loginCookie.contains("SameSite=Lax")
                && loginCookie.contains("Path=/"), loginCookie);

        URI callback = com.bank.auth.testing.KeycloakLogin.authorize(Keycloak.local(), authorize, USER.get().username(), USER.get().password());
        HttpResponse<String> finished = browser.get(callback.toString().substring(Suite.BFF.length()));
        assertEquals(302, finished.statusCode(), finished.body());
        assertEquals(Suite.BFF + "/payments", finished.headers().firstValue("Location").orElseThrow());
        String session = Browser.setCookies(finished, "__Host-bank-session").get(0);
        assertTrue(session.contains("HttpOnly") && session.contains("Secure") && session.contains("SameSite=Strict")
                && session.contains("Path=/") && !session.toLowerCase().contains("domain="), session);
        String csrf = Browser.setCookies(finished, "__Host-bank-csrf").get(0);
        assertTrue(csrf.contains("Secure") && csrf.contains("SameSite=Strict") && !csrf.contains("HttpOnly"), csrf);
        assertFalse(browser.cookies.containsKey("__Host-bank-login"), "the login state is single-use");
        // The user's hash tag (4 hex digits: their Redis Cluster slot, DESIGN 4), then the 256-bit id, base64url.
        assertTrue(browser.cookies.get("__Host-bank-session").matches("[0-9a-f]{4}\\.[A-Za-z0-9_-]{43}"), browser.cookies.get("__Host-bank-session"));

        HttpResponse<String> user = browser.get("/bff/user");
        assertEquals(200, user.statusCode(), user.body());
        assertTrue(user.body().contains("\"sub\":\"" + USER.get().sub() + "\"") && user.body().contains("\"USER\""), user.body());
        assertFalse(user.body().contains("eyJ"), "no token reaches the browser");
        assertEquals("no-store", user.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(user.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"));

        // Replaying the callback: the code is spent and the login state is gone.
        assertEquals(400, browser.get(callback.toString().substring(Suite.BFF.length())).statusCode());
    }

    @Test
    void logoutNeedsCsrfAndEndsTheSessionEverywhere() throws InterruptedException {
        Browser browser = new Browser();
        assertEquals(302, browser.signIn(USER.get().username(), USER.get().password(), "/").statusCode());
        assertEquals(403, browser.post("/bff/logout", java.util.Map.of(), "").statusCode(), "no CSRF header");
        assertEquals(403, browser.post("/bff/logout", java.util.Map.of("X-CSRF-Token", "forged"), "").statusCode());
        assertEquals(403, browser.post("/bff/logout", java.util.Map.of("Origin", "https://evil.example",
                "X-CSRF-Token", browser.cookies.get("__Host-bank-csrf")), "").statusCode());
        String sessionId = browser.cookies.get("__Host-bank-session");

        HttpResponse<String> logout = browser.postAsApp("/bff/logout", "");
        assertEquals(200, logout.statusCode(), logout.body());
        // No ID token (name, e-mail, sid) in anything the SPA sees: Keycloak's session was ended from the back channel.
        assertEquals("{\"logoutUrl\":\"" + Suite.BFF + "/\"}", logout.body());
        assertFalse(logout.body().contains("eyJ") || logout.headers().map().toString().contains("eyJ"), logout.body());
        // Keycloak's session ends from the BFF's back channel right after the answer (a hung Keycloak never delays it).
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (USER.get().keycloakSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, USER.get().keycloakSessions(), "the Keycloak session ended with the BFF's");
        assertEquals("\"cookies\", \"storage\"", logout.headers().firstValue("Clear-Site-Data").orElse(""));
        assertFalse(browser.cookies.containsKey("__Host-bank-session"));

        // The old id is dead for good, even if someone kept a copy.
        browser.cookies.put("__Host-bank-session", sessionId);
        assertEquals(401, browser.get("/bff/user").statusCode());
    }

    /** The web app's countdown follows every /bff and /api answer: each one says when the session ends, after its own slide. */
    @Test
    void everyAnswerWithASessionSaysWhenItEnds() throws InterruptedException {
        Browser browser = new Browser();
        browser.signIn(USER.get().username(), USER.get().password(), "/");
        for (HttpResponse<String> answer : List.of(browser.get("/bff/user"), browser.get("/api/accounts"), browser.get("/api/payments?size=1"),
                browser.postAsApp("/bff/session/keepalive", ""), browser.get("/api/payments/3f1c2a52-6d0b-4a3e-9f43-0a11ce000001"))) {
            String header = answer.headers().firstValue("Bank-Session-Expires-In").orElse("");
            var m = java.util.regex.Pattern.compile("idle=(\\d+), absolute=(\\d+)").matcher(header);
            assertTrue(m.matches(), answer.uri() + " " + answer.statusCode() + ": '" + header + "'");
            long idle = Long.parseLong(m.group(1)), absolute = Long.parseLong(m.group(2));
            // Just slid by this very request: the full idle timeout (5 min by default) less at most a few seconds.
            assertTrue(idle > 0 && idle <= 300 && idle <= absolute && absolute <= 1800, header);
        }
        long first = idleSeconds(browser.get("/api/accounts"));
        Thread.sleep(2500);
        // The countdown is the earlier of the idle deadline and Keycloak's refresh token (StaySignedInIT): "Stay signed in"
        // slides both, so the full idle window is there again.
        long later = idleSeconds(browser.postAsApp("/bff/session/keepalive", ""));
        assertTrue(later >= first - 1, "the keepalive slid the timer again (unslid it would be " + (first - 2) + " or less): " + later);
        HttpResponse<String> logout = browser.postAsApp("/bff/logout", "");
        assertEquals(200, logout.statusCode());
        assertTrue(logout.headers().firstValue("Bank-Session-Expires-In").isEmpty(), "an ended session has no expiry to tell");
        HttpResponse<String> signedOut = browser.get("/bff/user");
        assertEquals(401, signedOut.statusCode());
        assertTrue(signedOut.headers().firstValue("Bank-Session-Expires-In").isEmpty());
    }

    private static long idleSeconds(HttpResponse<String> answer) {
        String header = answer.headers().firstValue("Bank-Session-Expires-In").orElseThrow();
        return Long.parseLong(header.replaceAll("^idle=(\\d+),.*$", "$1"));
    }

    @Test
    void aSecondLoginEndsTheFirstSession() {
        Browser first = new Browser();
        first.signIn(USER.get().username(), USER.get().password(), "/");
        assertEquals(200, first.get("/bff/user").statusCode());
        Browser second = new Browser();
        second.signIn(USER.get().username(), USER.get().password(), "/");
        assertEquals(401, first.get("/bff/user").statusCode());
        assertEquals(200, second.get("/bff/user").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = { "//evil.example", "/%5Cevil.example", "https://evil.example/", "%2F%2Fevil.example" })
    void openRedirectsAreRefused(String returnTo) {
        assertEquals(400, new Browser().get("/bff/login?returnTo=" + returnTo).statusCode());
    }

    @Test
    void aCallbackWithoutThisBrowsersLoginIsRefused() {
        Browser attacker = new Browser();
        HttpResponse<String> login = attacker.get("/bff/login?returnTo=/");
        URI callback = com.bank.auth.testing.KeycloakLogin.authorize(Keycloak.local(),
                URI.create(login.headers().firstValue("Location").orElseThrow()), USER.get().username(), USER.get().password());
        // Login CSRF: the victim's browser gets the attacker's callback but has no matching login state.
        Browser victim = new Browser();
        assertEquals(400, victim.get(callback.toString().substring(Suite.BFF.length())).statusCode());
        assertEquals(401, victim.get("/bff/user").statusCode());
    }
}
