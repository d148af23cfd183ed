package com.bank.auth.bff;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.OperationalEndpointsContract;

import io.quarkus.test.common.WithTestResource;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class HealthTest extends OperationalEndpointsContract {

    /**
     * The BFF's readiness includes session-service, which module tests do not run (the running chain's readiness is
     * checked by the system tests): here it must be listed, and the whole is UP exactly when every check is.
     */
    @Test
    @Override
    protected void readinessIsUpWithItsDependencies() {
        var ready = given().baseUri(management()).get("/q/health/ready").then().extract();
        assertTrue(ready.<java.util.List<String>>path("checks.name").containsAll(java.util.List.of("session-service", "jwks")), ready.asString());
        boolean allUp = ready.<java.util.List<String>>path("checks.status").stream().allMatch("UP"::equals);
        assertEquals(allUp ? 200 : 503, ready.statusCode(), ready.asString());
    }
}
