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
     * The BFF's readiness is its own (Keycloak's key set fetched), never session-service's, which every replica shares
     * (issue 24): that one is listed in the dependencies group, which module tests see DOWN (no session-service here).
     */
    @Test
    @Override
    protected void readinessIsUpWithItsDependencies() {
        var ready = given().baseUri(management()).get("/q/health/ready").then().extract();
        java.util.List<String> names = ready.path("checks.name");
        assertTrue(names.contains("jwks") && !names.contains("session-service"), ready.asString());
        boolean allUp = ready.<java.util.List<String>>path("checks.status").stream().allMatch("UP"::equals);
        assertEquals(allUp ? 200 : 503, ready.statusCode(), ready.asString());
        var dependencies = given().baseUri(management()).get("/q/health/group/dependencies").then().extract();
        assertTrue(dependencies.<java.util.List<String>>path("checks.name").contains("session-service"), dependencies.asString());
    }
}
