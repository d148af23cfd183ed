package com.bank.auth.session.rest;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.KeycloakTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A valid token with the right audience and scope is still refused when its client (azp) is not on the
 * allow-list. The realm lets only bank-bff ask for scope sessions, so this test narrows the list instead.
 */
@QuarkusTest
@TestProfile(CallerAllowListTest.OnlyAnotherClient.class)
@WithTestResource(KeycloakTestResource.class)
class CallerAllowListTest {

    public static class OnlyAnotherClient implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bank.security.allowed-callers", "some-other-client");
        }
    }

    @Test
    void aClientOffTheListIsForbiddenAndSeesNoData() {
        SessionApi.bff().body(SessionApi.newSession("user-x", "sid-x", "at-x")).post("/sessions").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bank.example/problems/insufficient-scope"));
        SessionApi.bff().get("/users/{sub}/sessions", "user-x").then().statusCode(403);
    }
}
