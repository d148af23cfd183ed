package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bank.auth.testing.ThrowAwayUser;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two BFF replicas side by side (issue 26): next to the chain ./suite runs, a second BFF with a second session-service
 * of its own, on the same Redis, from the same packaged jars and settings, so that a test can freeze, cut or kill the
 * second one's session-service alone. (The chain of two replicas of everything behind a round-robin, with a step-up,
 * a payment, a refresh and a back-channel logout across replicas, is {@link ReplicatedChainIT}.)
 * <p>
 * The near-cache (issue 25, DESIGN 3): each replica answers session checks from memory while its change stream is live.
 * Every change made through one replica (or at session-service directly) is seen by the other within a second, each
 * test first proving that the other replica held the session in memory (its hit counter moved), so that a change it
 * did not hear of would show. The last tests cut the second replica's stream (its session-service frozen, Redis
 * dropping the subscription, its session-service killed): it stops answering from memory within the heartbeat window
 * and fails closed as without a cache.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BFF_PORT = 18594;
    private static final int SESSIONS_PORT = 18595;
    private static final String SECOND_BFF = "http://localhost:" + BFF_PORT;
    private static final String SECOND_BFF_MANAGEMENT = "http://localhost:" + (BFF_PORT + 1000);
    private static final java.time.Duration WITHIN = Replicas.WITHIN;
    /** The near-cache's heartbeat timeout (bff.session-cache.heartbeat-timeout), and a little for the last heartbeat's way. */
    private static final java.time.Duration HEARTBEAT_WINDOW = java.time.Duration.ofMillis(3500);

    @RegisterExtension
    static final ThrowAwayUser USER = new ThrowAwayUser();
    /** A user of its own for the rotation test: a first factor of its own, and a code no other test used. */
    @RegisterExtension
    static final ThrowAwayUser ROTATING = new ThrowAwayUser();

    private static PackagedService secondSessions;
    private static PackagedService secondBff;

    @BeforeAll
    static void startSecondReplicas() throws Exception {
        secondSessions = startSecondSessionService();
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

    private static PackagedService startSecondSessionService() throws Exception {
        return PackagedService.start("session-service", "second-session-service", SESSIONS_PORT, SESSIONS_PORT + 1000,
                PackagedService.suiteEnvironment("session-service"));
    }

    @Test
    @Order(1)
    void aLogoutOnOneReplicaIsSeenByTheOtherWithinASecond() throws Exception {
        Browser first = signedIn();
        Browser second = first.at(SECOND_BFF);
        heldInMemoryBySecond(second);
        Map<String, String> jar = new java.util.HashMap<>(first.cookies);
        assertEquals(200, first.postAsApp("/bff/logout", "").statusCode());
        Browser stillHoldingTheCookie = new Browser(SECOND_BFF);
        stillHoldingTheCookie.cookies.putAll(jar);
        assertEquals(401, statusWithin(stillHoldingTheCookie, 401), "a stolen copy of the cookie dies on the other replica too");
    }

    @Test
    @Order(2)
    void sessionsEndedForAUserAtSessionServiceAreSeenByBothReplicasWithinASecond() throws Exception {
        Browser first = signedIn();
        Browser second = first.at(SECOND_BFF);
        heldInMemoryBySecond(second);
        assertEquals(200, first.get("/bff/user").statusCode());
        // As the back office ends a customer's sessions (a compromised account): session-service's user operation.
        HttpResponse<String> ended = SessionServiceApi.call("DELETE", "/users/" + USER.get().sub() + "/sessions", null, null);
        assertEquals(200, ended.statusCode(), ended.body());
        assertEquals(401, statusWithin(second, 401), "the other replica");
        assertEquals(401, statusWithin(first, 401), "and the one that was not asked either");
    }

    @Test
    @Order(3)
    void aRotationOnOneReplicaEndsTheOldIdOnTheOtherWithinASecond() throws Exception {
        Browser first = new Browser();
        assertEquals(302, first.signIn(ROTATING.get().username(), ROTATING.get().password(), "/").statusCode());
        byte[] secret = FirstFactor.activeTotp(first, ROTATING.get(), "Rotation phone");
        Browser withOldId = new Browser(SECOND_BFF);
        withOldId.cookies.putAll(first.cookies);
        HttpResponse<String> challenge = first.postAsApp("/bff/mfa/challenges", "{\"purpose\":\"admin\"}");
        assertEquals(201, challenge.statusCode(), challenge.body());
        heldInMemoryBySecond(withOldId);
        HttpResponse<String> verified = first.postAsApp("/bff/mfa/challenges/" + JSON.readTree(challenge.body()).path("challengeId").asText()
                + "/verify", "{\"code\":\"" + AuthenticatorApp.code(secret, 0) + "\"}");
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals(401, statusWithin(withOldId, 401), "the id the step-up replaced opens nothing on the other replica");
        assertEquals(200, first.at(SECOND_BFF).get("/bff/user").statusCode(), "the new one works there");
    }

    @Test
    @Order(4)
    void tokensRefreshedElsewhereAreReadAgainByTheOtherReplicaWithinASecond() throws Exception {
        Browser first = signedIn();
        Browser second = first.at(SECOND_BFF);
        heldInMemoryBySecond(second);
        // Another replica's refresh, as session-service sees it: a fenced write of the session's tokens.
        String sessionId = first.cookies.get("__Host-bank-session");
        var view = SessionServiceApi.peek(sessionId);
        HttpResponse<String> written = SessionServiceApi.call("PUT", "/sessions/tokens", sessionId, JSON.writeValueAsString(view.path("tokens")),
                Map.of("If-Match", view.path("tokenVersion").asText()));
        assertEquals(200, written.statusCode(), written.body());
        Instant deadline = Instant.now().plus(WITHIN);
        boolean readAgain = false;
        while (!readAgain && Instant.now().isBefore(deadline)) {
            double hits = hits();
            assertEquals(200, second.get("/bff/user").statusCode());
            readAgain = hits() == hits;
        }
        assertTrue(readAgain, "the other replica kept answering the old tokens from memory");
    }

    @Test
    @Order(5)
    void aFrozenSessionServiceStopsTheOtherReplicaAnsweringFromMemoryWithinTheHeartbeatWindow() throws Exception {
        Browser second = signedIn().at(SECOND_BFF);
        heldInMemoryBySecond(second);
        HttpResponse<String> answer;
        long startedAfterMs;
        try (Frozen frozen = secondSessions.freeze()) {
            long frozenAt = System.nanoTime();
            do {
                Thread.sleep(100);
                startedAfterMs = (System.nanoTime() - frozenAt) / 1_000_000;
                answer = second.get("/bff/user");
            } while (answer.statusCode() == 200 && startedAfterMs < HEARTBEAT_WINDOW.toMillis());
        }
        assertEquals(503, answer.statusCode(), "still answered from memory " + startedAfterMs + " ms after session-service froze: "
                + answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(200, statusWithin(second, 200, java.time.Duration.ofSeconds(15)), "recovers once session-service answers again");
    }

    @Test
    @Order(6)
    void aSubscriptionRedisDroppedMakesTheReplicaForgetWhatItHeld() throws Exception {
        Browser second = signedIn().at(SECOND_BFF);
        heldInMemoryBySecond(second);
        // Redis drops every subscriber (as on a restart or failover): what was published meanwhile is lost to them.
        Redis.command("CLIENT", "KILL", "TYPE", "pubsub");
        Instant deadline = Instant.now().plus(WITHIN);
        boolean askedAgain = false;
        while (!askedAgain && Instant.now().isBefore(deadline)) {
            double hits = hits();
            assertEquals(200, second.get("/bff/user").statusCode());
            askedAgain = hits() == hits;
        }
        assertTrue(askedAgain, "the replica kept answering from memory across a lost subscription");
        heldInMemoryBySecond(second);   // and it trusts its stream again once heartbeats come back
    }

    @Test
    @Order(7)
    void aKilledSessionServiceFailsTheOtherReplicaClosedAtOnceAndItRecoversWithANewOne() throws Exception {
        Browser second = signedIn().at(SECOND_BFF);
        heldInMemoryBySecond(second);
        secondSessions.close();
        try {
            HttpResponse<String> answer = second.get("/bff/user");
            for (Instant deadline = Instant.now().plus(WITHIN); answer.statusCode() == 200 && Instant.now().isBefore(deadline); ) {
                Thread.sleep(50);
                answer = second.get("/bff/user");
            }
            assertEquals(503, answer.statusCode(), "a dropped stream: nothing from memory, and session-service is gone: " + answer.body());
        } finally {
            secondSessions = startSecondSessionService();
        }
        assertEquals(200, statusWithin(second, 200, java.time.Duration.ofSeconds(15)), "recovered without a restart of the BFF");
        heldInMemoryBySecond(second);
    }

    private static Browser signedIn() {
        Browser first = new Browser();
        assertEquals(302, first.signIn(USER.get().username(), USER.get().password(), "/").statusCode());
        return first;
    }

    private static void heldInMemoryBySecond(Browser second) throws Exception {
        Replicas.heldInMemory(second, SECOND_BFF_MANAGEMENT);
    }

    private static double hits() throws Exception {
        return Replicas.hits(SECOND_BFF_MANAGEMENT);
    }

    private static int statusWithin(Browser browser, int expected) throws Exception {
        return statusWithin(browser, expected, WITHIN);
    }

    private static int statusWithin(Browser browser, int expected, java.time.Duration within) throws Exception {
        return Replicas.statusWithin(browser, expected, within);
    }
}
