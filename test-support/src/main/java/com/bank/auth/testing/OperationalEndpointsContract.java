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

    @Test
    void thePublicPortServesNoOperationalEndpoint() {
        for (String path : new String[] { "/q/metrics", "/q/health", "/q/health/ready", "/q/health/live" }) {
            int status = given().get(path).then().extract().statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status == 404, path + " on the public port gave " + status);
        }
    }
}
