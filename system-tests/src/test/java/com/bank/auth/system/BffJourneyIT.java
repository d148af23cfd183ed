package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.TestUser;
import com.bank.auth.testing.ThrowAwayUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.RestAssured;

/** The SPA's journeys through the real BFF: API calls, step-up with TOTP, sessions, back-channel logout, refresh. */
class BffJourneyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A throw-away user for the tests that change nothing but sessions: the demo users are never touched. */
    @RegisterExtension
    static final ThrowAwayUser SHARED = new ThrowAwayUser();

    @Test
    void aLargePaymentWithTotpStepUpFromEnrolmentToBooking() throws Exception {
        try (TestUser user = TestUser.create()) {
            aLargePaymentWithTotpStepUp(user);
        }
    }

    private void aLargePaymentWithTotpStepUp(TestUser user) throws Exception {
        Browser app = new Browser();
        app.signIn(user.username(), user.password(), "/");
        HttpResponse<String> accounts = app.get("/api/accounts");
        assertEquals(200, accounts.statusCode(), accounts.body());
        assertTrue(accounts.body().contains(user.iban()));

        // Enrol TOTP in the BFF, as the security page does, and confirm it with the app's code.
        JsonNode enrolment = FirstFactor.enrolTotp(app, user, "System test phone");
        assertTrue(enrolment.path("qrCode").asText().startsWith("data:image/png;base64,"));
        byte[] secret = AuthenticatorApp.secretOf(enrolment.path("otpauthUri").asText());
        String factorId = enrolment.path("factorId").asText();
        json(app.postAsApp("/bff/mfa/factors/" + factorId + "/confirm", "{\"code\":\"" + AuthenticatorApp.previousCode(secret) + "\"}"), 200);

        String key = UUID.randomUUID().toString();
        String payment = "{\"debtorAccount\":\"" + user.iban() + "\",\"creditor\":{\"name\":\"Garage Ltd\",\"iban\":\"GB82WEST12345698765432\"},"
                + "\"amount\":\"11000.00\",\"currency\":\"EUR\",\"remittance\":\"Car repair\"}";
        assertEquals(403, app.post("/api/payments", Map.of("Idempotency-Key", key), payment).statusCode(), "CSRF first");
        HttpResponse<String> required = app.post("/api/payments", app.appHeaders(key), payment);
        assertEquals(401, required.statusCode(), required.body());
        assertTrue(required.body().contains("/step-up-required") && required.body().contains("Garage Ltd"), required.body());

        JsonNode challenge = json(app.postAsApp("/bff/mfa/challenges", "{\"idempotencyKey\":\"" + key + "\"}"), 201);
        assertEquals("11000.00", challenge.path("display").path("amount").asText());
        assertEquals("Garage Ltd", challenge.path("display").path("creditorName").asText());
        String challengeId = challenge.path("challengeId").asText();
        HttpResponse<String> wrong = app.postAsApp("/bff/mfa/challenges/" + challengeId + "/verify", "{\"code\":\"000000\"}");
        if (!AuthenticatorApp.code(secret, 0).equals("000000")) {
            assertEquals(400, wrong.statusCode(), wrong.body());
            assertEquals(2, JSON.readTree(wrong.body()).path("attemptsRemaining").asInt());
        }
        String before = app.cookies.get("__Host-bank-session");
        json(app.postAsApp("/bff/mfa/challenges/" + challengeId + "/verify", "{\"code\":\"" + AuthenticatorApp.code(secret, 0) + "\"}"), 200);
        String after = app.cookies.get("__Host-bank-session");
        assertNotEquals(before, after, "a successful step-up rotates the session id");

        HttpResponse<String> booked = app.post("/api/payments", app.appHeaders(key), payment);
        assertEquals(201, booked.statusCode(), booked.body());
        assertTrue(booked.body().contains("\"BOOKED\""));

        // A request that left with the old id just before the rotation is told to send again (the app does, once), and
        // it opens nothing: for any method (issue 23, item 5).
        Browser stale = new Browser();
        stale.cookies.put("__Host-bank-session", before);
        stale.cookies.put("__Host-bank-csrf", app.cookies.get("__Host-bank-csrf"));
        for (HttpResponse<String> inFlight : List.of(stale.get("/api/accounts"), stale.get("/bff/user"),
                stale.postAsApp("/bff/session/keepalive", ""))) {
            assertEquals(401, inFlight.statusCode(), inFlight.body());
            assertTrue(inFlight.body().contains("/problems/session-renewed"), inFlight.body());
        }
        assertEquals(200, app.get("/api/accounts").statusCode(), "the session lives on under its new id");
    }

    @Test
    void anAdminReadNeedsAnAdminStepUp() throws Exception {
        try (TestUser admin = TestUser.create(Keycloak.local(), true)) {
            anAdminReadNeedsAnAdminStepUp(admin);
        }
    }

    private void anAdminReadNeedsAnAdminStepUp(TestUser admin) throws Exception {
        Browser app = new Browser();
        app.signIn(admin.username(), admin.password(), "/");
        HttpResponse<String> refused = app.get("/api/admin/payments");
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("/step-up-required") && refused.body().contains("admin"), refused.body());

        JsonNode enrolment = FirstFactor.enrolTotp(app, admin, "Admin phone");
        byte[] secret = AuthenticatorApp.secretOf(enrolment.path("otpauthUri").asText());
        String factorId = enrolment.path("factorId").asText();
        json(app.postAsApp("/bff/mfa/factors/" + factorId + "/confirm", "{\"code\":\"" + AuthenticatorApp.previousCode(secret) + "\"}"), 200);
        JsonNode challenge = json(app.postAsApp("/bff/mfa/challenges", "{\"purpose\":\"admin\"}"), 201);
        json(app.postAsApp("/bff/mfa/challenges/" + challenge.path("challengeId").asText() + "/verify",
                "{\"code\":\"" + AuthenticatorApp.code(secret, 0) + "\"}"), 200);

        HttpResponse<String> allowed = app.get("/api/admin/payments");
        assertEquals(200, allowed.statusCode(), allowed.body());
        // One approval, one admin operation: the next read asks again.
        HttpResponse<String> again = app.get("/api/admin/payments");
        assertEquals(401, again.statusCode(), again.body());
        assertTrue(again.body().contains("admin"), again.body());
        // An admin approval is not a factor-change approval.
        assertFactorChangeRefused(app.send("DELETE", "/bff/mfa/factors/" + factorId, app.appHeaders(null)));
    }

    /**
     * DESIGN 5 on the running chain: with an active factor, a fresh login alone neither adds (TOTP, SMS) nor removes a
     * factor, nor does a payment approval filed under the key "factor-change"; a factor-change approval does, once.
     */
    @Test
    void factorsChangeOnlyWithAFactorChangeApproval() throws Exception {
        try (TestUser user = TestUser.create()) {
            Browser app = new Browser();
            app.signIn(user.username(), user.password(), "/");
            // The first factor: a login from the last 5 minutes and the code of the user's activation letter.
            JsonNode enrolment = FirstFactor.enrolTotp(app, user, "First phone");
            byte[] first = AuthenticatorApp.secretOf(enrolment.path("otpauthUri").asText());
            String firstId = enrolment.path("factorId").asText();
            json(app.postAsApp("/bff/mfa/factors/" + firstId + "/confirm", "{\"code\":\"" + AuthenticatorApp.previousCode(first) + "\"}"), 200);

            assertFactorChangeRefused(app.postAsApp("/bff/mfa/factors/totp", "{\"label\":\"Attacker's phone\"}"));
            assertFactorChangeRefused(app.postAsApp("/bff/mfa/factors/sms", "{\"label\":\"Attacker\",\"phoneNumber\":\"+4915112345678\"}"));
            assertFactorChangeRefused(app.send("DELETE", "/bff/mfa/factors/" + firstId, app.appHeaders(null)));

            // A payment approved under the Idempotency-Key "factor-change" approves that payment only.
            String payment = "{\"debtorAccount\":\"" + user.iban() + "\",\"creditor\":{\"name\":\"Garage Ltd\",\"iban\":\"GB82WEST12345698765432\"},"
                    + "\"amount\":\"10500.00\",\"currency\":\"EUR\"}";
            assertEquals(401, app.post("/api/payments", app.appHeaders("factor-change"), payment).statusCode());
            JsonNode paymentChallenge = json(app.postAsApp("/bff/mfa/challenges", "{\"idempotencyKey\":\"factor-change\"}"), 201);
            json(app.postAsApp("/bff/mfa/challenges/" + paymentChallenge.path("challengeId").asText() + "/verify",
                    "{\"code\":\"" + AuthenticatorApp.code(first, 0) + "\"}"), 200);
            assertFactorChangeRefused(app.send("DELETE", "/bff/mfa/factors/" + firstId, app.appHeaders(null)));
            HttpResponse<String> booked = app.post("/api/payments", app.appHeaders("factor-change"), payment);
            assertEquals(201, booked.statusCode(), booked.body());

            // A factor-change approval with the active factor adds one factor; the new one confirms with its own code.
            approveFactorChange(app, first, 1);
            JsonNode added = json(app.postAsApp("/bff/mfa/factors/totp", "{\"label\":\"New phone\"}"), 201);
            byte[] second = AuthenticatorApp.secretOf(added.path("otpauthUri").asText());
            json(app.postAsApp("/bff/mfa/factors/" + added.path("factorId").asText() + "/confirm",
                    "{\"code\":\"" + AuthenticatorApp.code(second, 0) + "\"}"), 200);
            // Used once: the next change needs a new approval.
            assertFactorChangeRefused(app.send("DELETE", "/bff/mfa/factors/" + firstId, app.appHeaders(null)));
            approveFactorChange(app, second, 1);
            assertEquals(204, app.send("DELETE", "/bff/mfa/factors/" + firstId, app.appHeaders(null)).statusCode());

            JsonNode events = json(app.get("/bff/mfa/security-events"), 200);
            assertEquals(List.of("factor-removed", "factor-added", "factor-added"),
                    List.of(events.get(0).path("type").asText(), events.get(1).path("type").asText(), events.get(2).path("type").asText()));
        }
    }

    private static void approveFactorChange(Browser app, byte[] secret, int offset) throws Exception {
        JsonNode challenge = json(app.postAsApp("/bff/mfa/challenges", "{\"purpose\":\"factor-change\"}"), 201);
        json(app.postAsApp("/bff/mfa/challenges/" + challenge.path("challengeId").asText() + "/verify",
                "{\"code\":\"" + AuthenticatorApp.code(secret, offset) + "\"}"), 200);
    }

    private static void assertFactorChangeRefused(HttpResponse<String> response) throws Exception {
        assertEquals(401, response.statusCode(), response.body());
        JsonNode problem = JSON.readTree(response.body());
        assertTrue(problem.path("type").asText().endsWith("/step-up-required"), response.body());
        assertEquals("factor-change", problem.path("purpose").asText(), response.body());
    }


    @Test
    void mySessionsAreListedAndOthersCanBeEnded() throws Exception {
        Browser app = new Browser();
        app.signIn(SHARED.get().username(), SHARED.get().password(), "/");
        JsonNode sessions = json(app.get("/bff/sessions"), 200);
        assertEquals(1, sessions.size());
        assertTrue(sessions.get(0).path("current").asBoolean());
        assertTrue(!sessions.toString().contains(app.cookies.get("__Host-bank-session")), "the id is never listed");
        assertEquals(200, app.send("DELETE", "/bff/sessions", app.appHeaders(null)).statusCode());
        assertEquals(200, app.get("/bff/user").statusCode(), "ending the others keeps this one");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/reports/payments", "/api/../q/health", "/api/payments/..%2F..%2Fadmin%2Fpayments",
            "/api/payments/%2e%2e/accounts", "/api/admin/../accounts", "/api/unknown" })
    void onlyAllowListedRoutesReachPayments(String path) {
        Browser app = new Browser();
        app.signIn(SHARED.get().username(), SHARED.get().password(), "/");
        int status = app.get(path).statusCode();
        assertTrue(status == 400 || status == 404 || status == 405, path + " gave " + status);
    }

    @Test
    void logoutAtKeycloakEndsTheBffSessionWithinASecond() throws Exception {
        Browser app = new Browser();
        app.signIn(SHARED.get().username(), SHARED.get().password(), "/");
        assertEquals(200, app.get("/bff/user").statusCode());
        SHARED.get().logoutAtKeycloak();
        Instant deadline = Instant.now().plusSeconds(1);
        int status = 200;
        while (Instant.now().isBefore(deadline) && (status = app.get("/bff/user").statusCode()) == 200) {
            Thread.onSpinWait();
        }
        assertEquals(401, status, "back-channel logout took longer than a second");
    }

    @Test
    void aForgedLogoutTokenIsRefused() {
        RestAssured.given().baseUri(Suite.BFF).contentType("application/x-www-form-urlencoded")
                .formParam("logout_token", "eyJhbGciOiJub25lIn0.eyJzaWQiOiJ4In0.").post("/bff/backchannel-logout")
                .then().statusCode(400);
    }

    @Test
    void twentyParallelCallsAcrossATokenExpiryNeedOneRefresh() throws Exception {
        Browser app = new Browser();
        app.signIn(SHARED.get().username(), SHARED.get().password(), "/");
        String sessionId = app.cookies.get("__Host-bank-session");
        long versionBefore = SessionServiceApi.tokenVersion(sessionId);
        Suite.waitUntilAFreshAccessTokenNeedsRefreshing();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = IntStream.range(0, 20).<Callable<Integer>>mapToObj(i -> () -> app.get("/api/accounts").statusCode()).toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(List.of(), statuses.stream().filter(s -> s != 200).toList(), "every call succeeds");
        } finally {
            pool.shutdownNow();
        }
        // The refresh runs beside the calls (refresh ahead): it lands within a moment of them, once.
        assertEquals(versionBefore + 1, SessionServiceApi.tokenVersionAfterChange(sessionId, versionBefore), "exactly one refresh for twenty callers");
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
