package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.ThrowAwayUser;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two replicas side by side (issue 26): next to the chain ./suite runs, a second BFF with a second session-service of
 * its own, on the same Redis, from the same packaged jars and settings. One browser's calls go to either, as behind a
 * round-robin: a session, a step-up, a back-channel logout and a token refresh are each started on one replica and
 * seen on the other.
 */
class TwoReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BFF_PORT = 18594;
    private static final int SESSIONS_PORT = 18595;
    private static final String SECOND_BFF = "http://localhost:" + BFF_PORT;

    @RegisterExtension
    static final ThrowAwayUser USER = new ThrowAwayUser();

    private static PackagedService secondSessions;
    private static PackagedService secondBff;

    @BeforeAll
    static void startSecondReplicas() throws Exception {
        secondSessions = PackagedService.start("session-service", "second-session-service", SESSIONS_PORT, SESSIONS_PORT + 1000,
                PackagedService.suiteEnvironment("session-service"));
        Map<String, String> bff = PackagedService.suiteEnvironment("auth-bff");
        bff.put("QUARKUS_REST_CLIENT_SESSION_SERVICE_URL", "http://localhost:" + SESSIONS_PORT);
        secondBff = PackagedService.start("auth-bff", "second-bff", BFF_PORT, BFF_PORT + 1000, bff);
    }

    @AfterAll
    static void stopSecondReplicas() throws Exception {
        if (secondBff != null) {
            secondBff.close();
        }
        if (secondSessions != null) {
            secondSessions.close();
        }
    }

    @Test
    void aStepUpStartedOnOneReplicaIsVerifiedOnTheOtherAndASessionEndedOnOneEndsOnBoth() throws Exception {
        Browser first = new Browser();
        first.signIn(USER.get().username(), USER.get().password(), "/");
        Browser second = first.at(SECOND_BFF);
        assertEquals(200, second.get("/bff/user").statusCode(), "a session made on one replica is served by the other");

        byte[] secret = FirstFactor.activeTotp(first, USER.get(), "Replica phone");
        HttpResponse<String> challenge = first.postAsApp("/bff/mfa/challenges", "{\"purpose\":\"admin\"}");
        assertEquals(201, challenge.statusCode(), challenge.body());
        String challengeId = JSON.readTree(challenge.body()).path("challengeId").asText();
        HttpResponse<String> verified = second.postAsApp("/bff/mfa/challenges/" + challengeId + "/verify",
                "{\"code\":\"" + AuthenticatorApp.code(secret, 0) + "\"}");
        assertEquals(200, verified.statusCode(), "verified on the other replica: " + verified.body());
        // The rotated id (one jar) works on both, and the old one on neither.
        assertEquals(200, first.get("/bff/user").statusCode());
        assertEquals(200, second.get("/bff/user").statusCode());

        // Keycloak's back-channel logout reaches the first replica (its registered URL); the second sees it at once.
        USER.get().logoutAtKeycloak();
        Instant deadline = Instant.now().plusSeconds(1);
        int status = 200;
        while (Instant.now().isBefore(deadline) && (status = second.get("/bff/user").statusCode()) == 200) {
            Thread.sleep(20);
        }
        assertEquals(401, status, "the other replica ended the session within a second");
    }

    @Test
    void fortyEightCallsAcrossARefreshOnBothReplicasRefreshOnceAtKeycloak() throws Exception {
        Browser first = new Browser();
        first.signIn(USER.get().username(), USER.get().password(), "/");
        Browser second = first.at(SECOND_BFF);
        // The second replicas are fresh JVMs: warmed as a load balancer's slow start would, so that 24 concurrent first
        // calls on this 2-core machine do not outlast their budgets (that would be a correct 503, but not this test's
        // subject). The token is fresh: none of these refreshes.
        for (int i = 0; i < 30; i++) {
            assertEquals(200, second.get("/api/accounts").statusCode());
            assertEquals(200, first.get("/api/accounts").statusCode());
        }
        long before = tokenVersion(first.cookies.get("__Host-bank-session"));

        Suite.waitUntilAFreshAccessTokenNeedsRefreshing();
        ExecutorService pool = Executors.newFixedThreadPool(48);
        List<String> statuses = new ArrayList<>();
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                Browser replica = i % 2 == 0 ? first : second;
                calls.add(() -> replica.get("/api/accounts"));
            }
            for (Future<HttpResponse<String>> answer : pool.invokeAll(calls)) {
                HttpResponse<String> got = answer.get();
                statuses.add(got.statusCode() == 200 ? "200" : got.statusCode() + " " + got.body());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(statuses.stream().allMatch(s -> s.equals("200")), statuses.toString());
        // One refresh for all 48, whichever replica each reached: the lease is session-service's, in Redis.
        assertEquals(before + 1, tokenVersion(first.cookies.get("__Host-bank-session")), "exactly one refresh at Keycloak");
    }

    /** The session's token version, as session-service keeps it (one more per refresh that reached Keycloak). */
    private static long tokenVersion(String sessionId) throws Exception {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "sessions");
        HttpResponse<String> session = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Suite.SESSIONS + "/sessions/lookup"))
                .header("Authorization", "Bearer " + token).header("Session-Id", sessionId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, session.statusCode(), session.body());
        return JSON.readTree(session.body()).path("tokenVersion").asLong();
    }
}
