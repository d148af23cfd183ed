package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bank.auth.testing.ThrowAwayUser;

/**
 * DESIGN 8 on the running chain: a hung dependency (frozen with SIGSTOP, always resumed) gives the user an answer,
 * never a hang, and never an open door. The bound asserted is "no hang" (well under the HTTP clients' own limits);
 * the measured times are logged (category {@code fail-fast}, in the output of ./suite test), not asserted.
 */
class FailFastIT {

    /** Far below a hang, far above the 5 s budgets: the test proves behaviour, not speed on a noisy machine. */
    private static final Duration NO_HANG = Duration.ofSeconds(12);

    /** A throw-away user: the demo users' sessions and factors are never touched. */
    @RegisterExtension
    static final ThrowAwayUser USER = new ThrowAwayUser();

    @Test
    void aHungKeycloakNeverHangsTheUserAndLogoutStillEndsTheSession() throws Exception {
        Browser app = new Browser();
        app.signIn(USER.get().username(), USER.get().password(), "/");
        // Signed in and used: payments-service holds the realm's keys (a pod that never saw a token fails closed instead).
        assertEquals(200, app.get("/api/accounts").statusCode());
        try (Frozen keycloak = Frozen.keycloak()) {
            // Signed in: the access token is valid and payments-service has the realm's keys, so the bank keeps working.
            Timed<HttpResponse<String>> accounts = timed(() -> app.get("/api/accounts"));
            assertEquals(200, accounts.value().statusCode(), accounts.value().body());

            Timed<HttpResponse<String>> login = timed(() -> new Browser().get("/bff/login?returnTo=/"));
            assertEquals(503, login.value().statusCode(), login.value().body());
            assertTrue(login.value().body().contains("/idp-unavailable"), login.value().body());
            assertEquals("5", login.value().headers().firstValue("Retry-After").orElse(""));

            Timed<HttpResponse<String>> logout = timed(() -> app.postAsApp("/bff/logout", ""));
            assertEquals(200, logout.value().statusCode(), logout.value().body());
            assertEquals(401, app.get("/bff/user").statusCode(), "the session is dead although Keycloak did not answer");
            report("Keycloak frozen", "api " + accounts.millis() + " ms, login " + login.millis() + " ms, logout " + logout.millis() + " ms");
        }
        // Recovered without a restart.
        Browser again = new Browser();
        assertEquals(302, again.signIn(USER.get().username(), USER.get().password(), "/").statusCode());
        assertEquals(200, again.get("/bff/user").statusCode());
    }

    /**
     * Refresh ahead (issue 25): a refresh that is due while the access token is still good for a while runs beside the
     * user's request, so a Keycloak that does not answer costs the user nothing yet; once Keycloak is back, the next
     * request's refresh goes through, once. (Before, the request itself waited for Keycloak, and got a 503.)
     */
    @Test
    void aDueRefreshDoesNotMakeTheUserWaitForAHungKeycloak() throws Exception {
        Browser app = new Browser();
        app.signIn(USER.get().username(), USER.get().password(), "/");
        assertEquals(200, app.get("/api/accounts").statusCode());
        String sessionId = app.cookies.get("__Host-bank-session");
        long before = SessionServiceApi.tokenVersion(sessionId);
        Suite.waitUntilAFreshAccessTokenNeedsRefreshing();
        try (Frozen keycloak = Frozen.keycloak()) {
            Timed<HttpResponse<String>> accounts = timed(() -> app.get("/api/accounts"));
            assertEquals(200, accounts.value().statusCode(), "the held token is still valid: " + accounts.value().body());
            Timed<HttpResponse<String>> again = timed(() -> app.get("/api/accounts"));
            assertEquals(200, again.value().statusCode(), again.value().body());
            assertEquals(before, SessionServiceApi.tokenVersion(sessionId), "no refresh went through while Keycloak was frozen");
            report("Keycloak frozen, refresh due", "/api/accounts " + accounts.millis() + " ms, then " + again.millis() + " ms");
        }
        // The refresh that failed beside those requests is tried again by a later one, and lands exactly once.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (SessionServiceApi.tokenVersion(sessionId) == before && System.nanoTime() < deadline) {
            assertEquals(200, app.get("/api/accounts").statusCode());
            Thread.sleep(200);
        }
        assertEquals(before + 1, SessionServiceApi.tokenVersion(sessionId), "one refresh once Keycloak answered again");
    }

    @Test
    void aStalledRedisFailsClosedWithinSecondsAndRecovers() throws Exception {
        Browser app = new Browser();
        app.signIn(USER.get().username(), USER.get().password(), "/");
        try (Frozen redis = Frozen.redis()) {
            Timed<HttpResponse<String>> user = timed(() -> app.get("/bff/user"));
            Timed<HttpResponse<String>> accounts = timed(() -> app.get("/api/accounts"));
            for (Timed<HttpResponse<String>> call : java.util.List.of(user, accounts)) {
                assertEquals(503, call.value().statusCode(), call.value().body());
                assertTrue(call.value().headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                assertTrue(call.value().headers().firstValue("Retry-After").isPresent());
            }
            // Liveness depends on nothing outside the process: a stalled Redis must not get session-service restarted.
            Timed<Integer> live = timed(() -> io.restassured.RestAssured.given().baseUri(Suite.MANAGEMENT.get(2)).get("/q/health/live").statusCode());
            assertEquals(200, live.value());
            report("Redis frozen", "/bff/user " + user.millis() + " ms, /api/accounts " + accounts.millis() + " ms");
        }
        assertEquals(200, app.get("/bff/user").statusCode(), "recovered without a restart");
        assertEquals(200, app.get("/api/accounts").statusCode());
    }

    /** The BFF's downstream services hung: their calls answer a 503 problem within the BFF's budget, never a 500. */
    @Test
    void hungServicesBehindTheBffAre503Problems() throws Exception {
        Browser app = new Browser();
        app.signIn(USER.get().username(), USER.get().password(), "/");
        assertEquals(200, app.get("/api/accounts").statusCode());
        Timed<HttpResponse<String>> factors;
        try (Frozen mfa = Frozen.suiteProcess("mfa-service")) {
            factors = timed(() -> app.get("/bff/mfa/factors"));
        }
        Timed<HttpResponse<String>> accounts;
        try (Frozen payments = Frozen.suiteProcess("payments-service")) {
            accounts = timed(() -> app.get("/api/accounts"));
        }
        for (Timed<HttpResponse<String>> call : java.util.List.of(factors, accounts)) {
            assertEquals(503, call.value().statusCode(), call.value().body());
            assertTrue(call.value().headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(call.value().headers().firstValue("Retry-After").isPresent());
        }
        report("mfa-service, payments-service frozen", "/bff/mfa/factors " + factors.millis() + " ms, /api/accounts " + accounts.millis() + " ms");
        assertEquals(200, app.get("/bff/mfa/factors").statusCode(), "recovered without a restart");
        assertEquals(200, app.get("/api/accounts").statusCode());
    }

    private static void report(String what, String times) {
        java.util.logging.Logger.getLogger("fail-fast").info(what + ": " + times);
    }

    private record Timed<T>(T value, long millis) {
    }

    private static <T> Timed<T> timed(Supplier<T> call) {
        long start = System.nanoTime();
        T value = call.get();
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis < NO_HANG.toMillis(), "answered after " + millis + " ms: that is a hang");
        return new Timed<>(value, millis);
    }

}
