package com.bank.auth.session.rest;

import static com.bank.auth.session.rest.SessionApi.bff;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.auth.session.service.SessionIds;
import com.bank.auth.session.service.SessionKeys;
import com.bank.auth.testing.KeycloakTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With Redis unreachable the service fails closed: 503 problems, readiness DOWN, never a success. */
@QuarkusTest
@TestProfile(RedisUnavailableTest.NoRedis.class)
@WithTestResource(KeycloakTestResource.class)
class RedisUnavailableTest {

    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 1 on loopback: nothing listens there, connections are refused at once.
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "2S");
        }
    }

    @Test
    void lookupsAndCreatesAre503Problems() {
        bff(SessionIds.newId(SessionKeys.tagOf("user-" + java.util.UUID.randomUUID()))).post("/sessions/lookup").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bank.example/problems/session-store-unavailable"));
        bff().body(SessionApi.newSession("user-x", "sid-x", "at-x")).post("/sessions").then().statusCode(503);
        bff().get("/users/{sub}/sessions", "user-x").then().statusCode(503);
    }

    @Test
    void readinessIsDown() {
        int management = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        given().baseUri("http://localhost:" + management).get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
