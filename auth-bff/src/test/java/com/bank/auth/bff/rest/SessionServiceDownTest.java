package com.bank.auth.bff.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.KeycloakTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * session-service unreachable (real Keycloak for the service token, nothing listening where session-service should be):
 * every call that needs a session fails closed with a 503 problem, never a 500 and never a success.
 */
@QuarkusTest
@TestProfile(SessionServiceDownTest.NoSessionService.class)
@WithTestResource(KeycloakTestResource.class)
class SessionServiceDownTest {

    public static class NoSessionService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.session-service.url", "http://127.0.0.1:1");
        }
    }

    private static final String SESSION = "__Host-bank-session";
    private static final String SOME_ID = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @Test
    void signedInPagesAre503Problems() {
        for (String path : new String[] { "/bff/user", "/bff/sessions", "/api/accounts", "/bff/mfa/factors" }) {
            given().cookie(SESSION, SOME_ID).get(path).then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://bank.example/problems/session-store-unavailable"));
        }
    }

    /**
     * session-service down (a Redis failover behind it) is every replica's problem at once: the BFF stays ready, so the
     * web app and its sign-in page are still served, and says what is missing in its dependencies group.
     */
    @Test
    void theBffStaysReadyAndSaysWhichDependencyIsDown() {
        int management = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        given().baseUri("http://localhost:" + management).get("/q/health/group/dependencies").then().statusCode(503)
                .body("checks.find { it.name == 'session-service' }.status", equalTo("DOWN"));
        given().baseUri("http://localhost:" + management).get("/q/health/ready").then().statusCode(200);
        given().baseUri("http://localhost:" + management).get("/q/health/live").then().statusCode(200);
        // And it answers: without a session, simply signed out (the web app's files are not built for module tests).
        given().get("/bff/user").then().statusCode(401);
    }

    @Test
    void withoutACookieItIsStillJustSignedOut() {
        given().get("/bff/user").then().statusCode(401).contentType("application/problem+json");
    }
}
