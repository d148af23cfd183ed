package com.bank.auth.session.rest;

import static com.bank.auth.session.rest.SessionApi.bff;
import static com.bank.auth.session.rest.SessionApi.create;
import static com.bank.auth.session.rest.SessionApi.uniqueSub;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.bank.auth.session.service.SessionIds;
import com.bank.auth.session.service.SessionKeys;
import com.bank.auth.testing.KeycloakTestResource;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Idle and absolute timeouts for real, with short settings: Redis's own TTL ends idle sessions. */
@QuarkusTest
@TestProfile(SessionTimeoutsTest.ShortTimeouts.class)
@WithTestResource(KeycloakTestResource.class)
class SessionTimeoutsTest {

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bank.sessions.idle-timeout", "1500MS", "bank.sessions.absolute-timeout", "4S");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    SessionKeys keys;

    @Test
    void anIdleSessionDisappearsByItselfAndAnswers410() {
        String id = create(uniqueSub()).path("sessionId");
        String key = keys.slotOfSession(id).session(SessionIds.hash(id));
        long ttl = redis.key().pttl(key);
        assertTrue(ttl > 0 && ttl <= 1500, "Redis TTL is the idle time left: " + ttl);

        await().atMost(Duration.ofSeconds(5)).until(() -> !redis.key().exists(key));
        bff(id).post("/sessions/lookup").then().statusCode(410).body("reason", equalTo("idle-timeout"));
        bff(id).post("/sessions/lookup").then().statusCode(410).body("reason", equalTo("idle-timeout"));
    }

    @Test
    void useSlidesTheIdleTimerButNotTheAbsoluteLimit() {
        // Taken before the create: the 4 s limit runs from the server's creation, which a slow answer cannot move earlier.
        long start = System.currentTimeMillis();
        Response created = create(uniqueSub());
        String id = created.path("sessionId");
        String key = keys.slotOfSession(id).session(SessionIds.hash(id));
        int okLookups = 0;
        Response reply;
        // Look the session up every 500 ms: always within the 1.5 s idle window, so only the 4 s limit can end it.
        while ((reply = bff(id).post("/sessions/lookup")).statusCode() == 200) {
            okLookups++;
            assertTrue(redis.key().pttl(key) <= 1500);
            await().pollDelay(Duration.ofMillis(500)).until(() -> true);
            assertTrue(System.currentTimeMillis() - start < 8000, "session outlived its absolute limit");
        }
        assertEquals(410, reply.statusCode());
        assertEquals("absolute-timeout", reply.path("reason"));
        assertTrue(okLookups >= 5, "the idle timer slid past 1.5 s several times: " + okLookups);
        assertTrue(System.currentTimeMillis() - start >= 3500, "ended at the absolute limit, not before");
    }

    @Test
    void nearTheAbsoluteLimitTheTtlIsTheTimeLeft() {
        String id = create(uniqueSub()).path("sessionId");
        String key = keys.slotOfSession(id).session(SessionIds.hash(id));
        await().pollDelay(Duration.ofMillis(1000)).until(() -> true);
        bff(id).post("/sessions/lookup").then().statusCode(200);
        await().pollDelay(Duration.ofMillis(1000)).until(() -> true);
        bff(id).post("/sessions/lookup").then().statusCode(200);
        await().pollDelay(Duration.ofMillis(1000)).until(() -> true);
        bff(id).post("/sessions/lookup").then().statusCode(200);
        long ttl = redis.key().pttl(key);
        assertTrue(ttl < 1200, "3 s into a 4 s session the TTL is what is left of it, not the idle 1.5 s: " + ttl);
    }
}
