package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakLogin;
import com.bank.auth.testing.ThrowAwayUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The chain as {@code ./suite up --replicas 2} runs it (issue 26): two replicas of every service, each pair behind a
 * round-robin (HAProxy, per request) on the service's usual port, so every hop (browser to BFF, BFF to session-service,
 * mfa-service and payments-service, payments-service to mfa-service's JWKS) may reach either replica. ./suite test runs
 * this class on that chain after the single-replica tests; on a chain of one replica each it is skipped.
 * <p>
 * Tests that need one replica in particular talk to it on its own port ({@link Suite#replica}): a client behind a load
 * balancer cannot choose.
 */
@EnabledIfEnvironmentVariable(named = "BANK_SUITE_REPLICAS", matches = "[2-9]")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedChainIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] BFF = { Suite.replica(Suite.BFF, 1), Suite.replica(Suite.BFF, 2) };
    private static final String BFF_MANAGEMENT = Suite.MANAGEMENT.get(0);
    private static final String[] BFF_METRICS = { Suite.replica(BFF_MANAGEMENT, 1), Suite.replica(BFF_MANAGEMENT, 2) };
    private static final String[] PAYMENTS_METRICS = { Suite.replica(Suite.MANAGEMENT.get(1), 1), Suite.replica(Suite.MANAGEMENT.get(1), 2) };

    @RegisterExtension
    static final ThrowAwayUser PAYER = new ThrowAwayUser();
    @RegisterExtension
    static final ThrowAwayUser LIMITED = new ThrowAwayUser();
    @RegisterExtension
    static final ThrowAwayUser REFRESHING = new ThrowAwayUser();
    @RegisterExtension
    static final ThrowAwayUser SIGNING_OUT = new ThrowAwayUser();

    @Test
    @Order(1)
    void theRoundRobinSpreadsRequestsOverBothReplicasOfTheBffAndOfPayments() throws Exception {
        Browser app = new Browser();
        assertEquals(302, app.signIn(PAYER.get().username(), PAYER.get().password(), "/").statusCode());
        double[] bff = served(BFF_METRICS);
        double[] payments = served(PAYMENTS_METRICS);
        for (int i = 0; i < 10; i++) {
            assertEquals(200, app.get("/api/accounts").statusCode());
        }
        double[] bffAfter = served(BFF_METRICS);
        double[] paymentsAfter = served(PAYMENTS_METRICS);
        for (int r = 0; r < 2; r++) {
            assertTrue(bffAfter[r] > bff[r], "BFF replica " + (r + 1) + " served none of 10 requests through the round-robin");
            assertTrue(paymentsAfter[r] > payments[r], "payments replica " + (r + 1) + " served none of 10 account reads");
        }
    }

    @Test
    @Order(2)
    void aPaymentWhoseEveryStepReachesAnotherReplicaIsBookedOnceWithItsStepUp() throws Exception {
        Browser one = new Browser(BFF[0]);
        Browser two = one.at(BFF[1]);
        // The sign-in starts on one replica and comes back on the other: its state is a sealed cookie, in no replica's memory.
        HttpResponse<String> login = one.get("/bff/login?returnTo=/");
        URI callback = KeycloakLogin.authorize(Keycloak.local(), URI.create(login.headers().firstValue("Location").orElseThrow()),
                PAYER.get().username(), PAYER.get().password());
        assertEquals(302, two.get(callback.getRawPath() + "?" + callback.getRawQuery()).statusCode(), "the callback on the other replica");
        byte[] secret = FirstFactor.activeTotp(one, PAYER.get(), "Replicas phone");

        String key = UUID.randomUUID().toString();
        String payment = "{\"debtorAccount\":\"" + PAYER.get().iban() + "\",\"creditor\":{\"name\":\"Garage Ltd\",\"iban\":\"GB82WEST12345698765432\"},"
                + "\"amount\":\"11000.00\",\"currency\":\"EUR\",\"remittance\":\"Two replicas\"}";
        HttpResponse<String> required = two.post("/api/payments", two.appHeaders(key), payment);
        assertEquals(401, required.statusCode(), required.body());
        assertTrue(required.body().contains("/step-up-required"), required.body());
        String challengeId = json(one.postAsApp("/bff/mfa/challenges", "{\"idempotencyKey\":\"" + key + "\"}"), 201).path("challengeId").asText();
        // Verified on the other BFF, by whichever mfa-service replica; the step-up token it signs is checked by whichever
        // payments-service replica books the payment (one signing key, one JWKS).
        json(two.postAsApp("/bff/mfa/challenges/" + challengeId + "/verify", "{\"code\":\"" + AuthenticatorApp.code(secret, 0) + "\"}"), 200);
        JsonNode booked = json(one.post("/api/payments", one.appHeaders(key), payment), 201);
        assertEquals("BOOKED", booked.path("status").asText(), booked.toString());
        // The same request again, through the other BFF: the booking, not a second payment (the key is in PostgreSQL).
        JsonNode again = json(two.post("/api/payments", two.appHeaders(key), payment), 200);
        assertEquals(booked.path("id").asText(), again.path("id").asText());
    }

    @Test
    @Order(3)
    void theApprovalsAUserMayAskForAreCountedOnceAcrossReplicas() throws Exception {
        Browser one = new Browser(BFF[0]);
        assertEquals(302, one.signIn(LIMITED.get().username(), LIMITED.get().password(), "/").statusCode());
        Browser two = one.at(BFF[1]);
        FirstFactor.activeTotp(one, LIMITED.get(), "Limited phone");
        // DESIGN 8: 10 challenges per 5 minutes per user, whichever replicas they were asked of.
        List<String> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> answer = (i % 2 == 0 ? one : two).postAsApp("/bff/mfa/challenges", "{\"purpose\":\"admin\"}");
            statuses.add(String.valueOf(answer.statusCode()));
            if (answer.statusCode() == 429 && refused == null) {
                refused = answer;
            }
        }
        assertEquals(List.of("201", "201", "201", "201", "201", "201", "201", "201", "201", "201", "429", "429"), statuses,
                "the 11th and 12th, on either replica, are over the limit");
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "429 names when to try again");
    }

    @Test
    @Order(4)
    void fortyEightCallsAcrossARefreshThroughTheRoundRobinRefreshOnceAtKeycloak() throws Exception {
        Browser app = new Browser();
        assertEquals(302, app.signIn(REFRESHING.get().username(), REFRESHING.get().password(), "/").statusCode());
        for (int i = 0; i < 10; i++) {
            assertEquals(200, app.get("/api/accounts").statusCode());
        }
        String sessionId = app.cookies.get("__Host-bank-session");
        long before = SessionServiceApi.tokenVersion(sessionId);
        double[] served = served(BFF_METRICS);

        Suite.waitUntilAFreshAccessTokenNeedsRefreshing();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        List<String> statuses = new ArrayList<>();
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                calls.add(() -> app.get("/api/accounts"));
            }
            for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
                HttpResponse<String> got = answer.get();
                statuses.add(got.statusCode() == 200 ? "200" : got.statusCode() + " " + got.body());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(statuses.stream().allMatch(s -> s.equals("200")), statuses.toString());
        double[] servedAfter = served(BFF_METRICS);
        assertTrue(servedAfter[0] > served[0] && servedAfter[1] > served[1], "the 48 calls reached both BFF replicas");
        // One refresh for all 48, whichever BFF and session-service replica each reached.
        // The lease is in Redis; the refresh runs beside the calls (refresh ahead), so it may land a moment after them.
        assertEquals(before + 1, SessionServiceApi.tokenVersionAfterChange(sessionId, before), "exactly one refresh at Keycloak");
    }

    @Test
    @Order(5)
    void aBackChannelLogoutThatReachedOneReplicaEndsTheSessionOnBothWithinASecond() throws Exception {
        Browser app = new Browser();
        assertEquals(302, app.signIn(SIGNING_OUT.get().username(), SIGNING_OUT.get().password(), "/").statusCode());
        Browser one = app.at(BFF[0]);
        Browser two = app.at(BFF[1]);
        Replicas.heldInMemory(one, BFF_METRICS[0]);
        Replicas.heldInMemory(two, BFF_METRICS[1]);
        // Keycloak posts the logout token to the app's registered URL: the round-robin, so one replica of the BFF.
        SIGNING_OUT.get().logoutAtKeycloak();
        assertEquals(401, Replicas.statusWithin(one, 401, Replicas.WITHIN), "replica 1");
        assertEquals(401, Replicas.statusWithin(two, 401, Replicas.WITHIN), "replica 2");
    }

    @Test
    @Order(6)
    void aLogoutOnOneReplicaEndsTheSessionOnTheOtherWithinASecond() throws Exception {
        Browser one = new Browser(BFF[0]);
        assertEquals(302, one.signIn(SIGNING_OUT.get().username(), SIGNING_OUT.get().password(), "/").statusCode());
        Browser stolenCopy = new Browser(BFF[1]);
        stolenCopy.cookies.putAll(one.cookies);
        Replicas.heldInMemory(stolenCopy, BFF_METRICS[1]);
        assertEquals(200, one.postAsApp("/bff/logout", "").statusCode());
        assertEquals(401, Replicas.statusWithin(stolenCopy, 401, Replicas.WITHIN), "a copy of the cookie dies on the other replica too");
    }

    /** Requests each replica answered so far on its public port (Micrometer's HTTP server timer). */
    private static double[] served(String[] managements) throws Exception {
        double[] served = new double[managements.length];
        for (int r = 0; r < managements.length; r++) {
            served[r] = Metrics.sum(managements[r], "http_server_requests_seconds_count", Map.of());
        }
        return served;
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
