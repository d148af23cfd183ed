package com.bank.auth.mfa.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /users/{sub}/factors} with real Keycloak tokens: bank-bff's service token with scope {@code mfa} only. */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class UserFactorResourceTest {

    private static final String PATH = "/users/{sub}/factors".replace("{sub}", "6f1c2a52-6d0b-4a3e-9f43-0a11ce000001");
    private final Keycloak keycloak = Keycloak.local();

    @Test
    void withoutTokenIsUnauthorized() {
        given().get(PATH).then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json");
    }

    @Test
    void bffWithScopeIsServed() {
        String token = keycloak.clientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        given().auth().oauth2(token).get(PATH).then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void bffWithoutScopeHasTheWrongAudience() {
        String token = keycloak.clientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, null);
        given().auth().oauth2(token).get(PATH).then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void anotherClientIsRefused() {
        String token = keycloak.clientCredentials(Keycloak.REPORTING_CLIENT, Keycloak.REPORTING_SECRET, "payments:read");
        given().auth().oauth2(token).get(PATH).then().statusCode(401);
    }

    @Test
    void garbageTokenIsUnauthorizedNotAnError() {
        given().auth().oauth2("not.a.jwt").get(PATH).then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
