package com.bank.auth.payments.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@code GET /reports/payments} with real Keycloak tokens: only the reporting client's {@code payments:read} scope. */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class ReportResourceTest {

    private static final String WINDOW = "?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z";
    private final Keycloak keycloak = Keycloak.local();

    @Test
    void withoutTokenIsUnauthorizedWithBearerChallenge() {
        given().get("/reports/payments" + WINDOW).then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json");
    }

    @Test
    void reportingClientWithScopeGetsTotals() {
        String token = keycloak.clientCredentials(Keycloak.REPORTING_CLIENT, Keycloak.REPORTING_SECRET, "payments:read");
        given().auth().oauth2(token).get("/reports/payments" + WINDOW).then()
                .statusCode(200)
                .body("count", equalTo(0));
    }

    @Test
    void tokenForAnotherAudienceIsInvalid() {
        String token = keycloak.clientCredentials(Keycloak.REPORTING_CLIENT, Keycloak.REPORTING_SECRET, null);
        given().auth().oauth2(token).get("/reports/payments" + WINDOW).then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""))
                .contentType("application/problem+json");
    }

    @Test
    void theBffsServiceTokenIsNotForPayments() {
        // Only the BFF's user logins ask for scope payments (aud payments-api); its service tokens never carry it.
        String token = keycloak.clientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, null);
        given().auth().oauth2(token).get("/reports/payments" + WINDOW).then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""))
                .contentType("application/problem+json");
    }


    @Test
    void malformedWindowIsABadRequestProblem() {
        String token = keycloak.clientCredentials(Keycloak.REPORTING_CLIENT, Keycloak.REPORTING_SECRET, "payments:read");
        given().auth().oauth2(token).get("/reports/payments?from=yesterday&to=2027-01-01T00:00:00Z").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://bank.example/problems/invalid-request"));
    }
}
