package com.bank.auth.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;



/**
 * What every service of the suite answers for operations (DESIGN 8): liveness, readiness with its dependencies UP, and
 * Prometheus metrics, on the management interface only; the public port serves none of them. Each module runs it as
 * a {@code @QuarkusTest} subclass (and a {@code @QuarkusIntegrationTest} against the packaged application).
 */
public abstract class OperationalEndpointsContract {

    /** The management interface as the tests run it ({@code quarkus.management.test-port} of the service). */
    protected static String management() {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return "http://localhost:" + port;
    }

    @Test
    void livenessIsUp() {
        given().baseUri(management()).get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Protected: a service whose dependency is another running service (the BFF) states its own expectation. */
    @Test
    protected void readinessIsUpWithItsDependencies() {
        given().baseUri(management()).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().baseUri(management()).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    /**
     * The service's contract on the management port: its operations, the RFC 9457 Problem schema and the shared error
     * answers (401 with its challenge header, 503 with Retry-After) on every operation, and how callers authenticate.
     */
    @Test
    void anOpenApiDocumentDescribesTheContract() {
        var document = given().baseUri(management()).queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertFalse(document.getMap("paths").isEmpty(), "operations are documented");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("type", "title", "status"),
                document.getList("components.schemas.Problem.required"));
        org.junit.jupiter.api.Assertions.assertFalse(document.getMap("components.securitySchemes").isEmpty(), "a security scheme");
        java.util.Map<String, java.util.Map<String, Object>> paths = document.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, operation) -> {
            if (operation instanceof java.util.Map<?, ?> op && op.get("responses") instanceof java.util.Map<?, ?> responses) {
                boolean open = op.get("security") instanceof java.util.List<?> security && security.isEmpty();
                for (String status : open ? new String[] { "503" } : new String[] { "401", "503" }) {
                    org.junit.jupiter.api.Assertions.assertTrue(responses.containsKey(status), method + " " + path + " documents " + status);
                }
            }
        }));
    }

    @Test
    void thePublicPortServesNoOperationalEndpoint() {
        for (String path : new String[] { "/q/metrics", "/q/health", "/q/health/ready", "/q/health/live", "/q/openapi" }) {
            int status = given().get(path).then().extract().statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status == 404, path + " on the public port gave " + status);
        }
    }
}
