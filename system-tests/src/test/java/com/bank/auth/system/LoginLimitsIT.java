package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * DESIGN 8's sign-in limits past their edges on a second BFF (the packaged jar, ports of its own, the suite's
 * settings) with small limits and a 3 s window: per client address on all replicas (session-service's counter), per
 * replica (its token bucket), the address taken from X-Forwarded-For only because loopback is its trusted proxy here.
 * A refusal is a 429 problem with Retry-After and makes no PAR call; after the window the same sign-in works again.
 */
class LoginLimitsIT {

    private static final int PORT = 18590;
    private static final int MANAGEMENT = 19590;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void signInsPastALimitAre429UntilTheWindowHasPassed() throws Exception {
        try (PackagedService bff = PackagedService.start("auth-bff", "login-limits-bff", PORT, MANAGEMENT, environment())) {
            // Client A: three sign-ins a window, the fourth refused.
            for (int i = 0; i < 3; i++) {
                assertEquals(302, login("198.51.100.1").statusCode());
            }
            HttpResponse<String> refused = login("198.51.100.1");
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(refused.body().contains("\"limit\":\"login-client\""), refused.body());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
            // Another client still may, until the replica's own budget (5 a window) is spent.
            assertEquals(302, login("198.51.100.2").statusCode());
            assertEquals(302, login("198.51.100.2").statusCode());
            HttpResponse<String> replica = login("198.51.100.3");
            assertEquals(429, replica.statusCode(), replica.body());
            assertTrue(replica.body().contains("\"limit\":\"login-replica\""), replica.body());

            Thread.sleep(3500);
            assertEquals(302, login("198.51.100.1").statusCode(), "the same sign-in works again after the window");
        }
    }

    private static HttpResponse<String> login(String client) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/bff/login?returnTo=/"))
                .header("X-Forwarded-For", client).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The suite's own BFF settings (its env file), with small limits, a short window and loopback as trusted proxy. */
    private static Map<String, String> environment() throws Exception {
        Map<String, String> env = PackagedService.suiteEnvironment("auth-bff");
        env.put("BFF_LOGIN_LIMITS_PER_CLIENT", "3");
        env.put("BFF_LOGIN_LIMITS_PER_REPLICA", "5");
        env.put("BFF_LOGIN_LIMITS_WINDOW", "3S");
        env.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
        env.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
        env.put("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1,::1");
        return env;
    }
}
