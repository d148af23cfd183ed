package com.bank.auth.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.Keycloak;

/**
 * The first cross-service test: client-credentials tokens from the real Keycloak open a secured endpoint of
 * each resource service as ./suite runs them, and nothing opens without one.
 */
class ServiceTokensIT {

    private static final String ALICE = "6f1c2a52-6d0b-4a3e-9f43-0a11ce000001";

    private final Keycloak keycloak = Keycloak.local();

    @Test
    void reportingClientReadsPaymentTotals() {
        String token = keycloak.clientCredentials(Keycloak.REPORTING_CLIENT, Keycloak.REPORTING_SECRET, "payments:read");
        given().baseUri(Suite.PAYMENTS).auth().oauth2(token)
                .queryParam("from", "2000-01-01T00:00:00Z").queryParam("to", "2100-01-01T00:00:00Z")
                .get("/reports/payments").then()
                .statusCode(200)
                .body("count", greaterThanOrEqualTo(0))
                .body("totals", instanceOf(List.class));
    }

    @Test
    void bffListsSessionsOfAUser() {
        String token = keycloak.clientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "sessions");
        given().baseUri(Suite.SESSIONS).auth().oauth2(token).get("/users/{sub}/sessions", ALICE).then()
                .statusCode(200)
                .body("$", instanceOf(List.class));
    }

    @Test
    void bffListsFactorsOfAUser() {
        String token = keycloak.clientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        given().baseUri(Suite.MFA).auth().oauth2(token).get("/users/{sub}/factors", ALICE).then()
                .statusCode(200)
                .body("$", instanceOf(List.class));
    }

    @Test
    void aSessionsTokenDoesNotOpenTheMfaService() {
        String token = keycloak.clientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "sessions");
        given().baseUri(Suite.MFA).auth().oauth2(token).get("/users/{sub}/factors", ALICE).then()
                .statusCode(401);
    }

    @Test
    void everyServiceIsReady() {
        for (String management : Suite.MANAGEMENT) {
            given().baseUri(management).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(management).get("/q/metrics").then().statusCode(200);
        }
        // The public ports serve neither: what the internet reaches is the app and its API only.
        for (String service : List.of(Suite.BFF, Suite.PAYMENTS, Suite.SESSIONS, Suite.MFA)) {
            given().baseUri(service).get("/q/metrics").then().statusCode(404);
            given().baseUri(service).get("/q/health/ready").then().statusCode(404);
        }
    }
}
