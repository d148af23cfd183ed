package com.bank.auth.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakLogin;

/**
 * A browser as far as the BFF can tell: one cookie jar for the BFF's origin (like Chromium, it keeps and sends
 * {@code Secure} cookies on http://localhost), no automatic redirects, and Keycloak's login page handled by
 * {@link KeycloakLogin#authorize}.
 */
final class Browser {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Thread-safe: tests send from many threads at once, and a step-up may set a new session cookie meanwhile. */
    final Map<String, String> cookies;
    /** Where requests go: the suite's BFF, or another instance of it under test. */
    private final String base;

    Browser() {
        this(Suite.BFF);
    }

    Browser(String base) {
        this(base, new java.util.concurrent.ConcurrentHashMap<>());
    }

    private Browser(String base, Map<String, String> cookies) {
        this.base = base;
        this.cookies = cookies;
    }

    /** The same browser, one cookie jar, talking to another instance of the BFF: as behind a load balancer. */
    Browser at(String otherBase) {
        return new Browser(otherBase, cookies);
    }

    /** A W3C traceparent sent with every request, as an instrumented front end would: null sends none. */
    volatile String traceparent;

    /** Signs in through the BFF: /bff/login → Keycloak → /bff/callback; returns the callback's response. */
    HttpResponse<String> signIn(String username, String password, String returnTo) {
        HttpResponse<String> login = get("/bff/login?returnTo=" + returnTo);
        URI authorize = URI.create(login.headers().firstValue("Location").orElseThrow());
        URI callback = KeycloakLogin.authorize(Keycloak.local(), authorize, username, password);
        // Keycloak redirects to the registered callback (the app's origin); this browser takes it to its BFF.
        return get(callback.getRawPath() + "?" + callback.getRawQuery());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
    }

    HttpResponse<String> post(String path, Map<String, String> headers, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), headers);
    }

    HttpResponse<String> send(String method, String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    /** The headers the SPA sends with an unsafe request (Origin, the CSRF cookie's value), and an Idempotency-Key if given. */
    Map<String, String> appHeaders(String idempotencyKey) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Origin", Suite.BFF, "X-CSRF-Token", cookies.getOrDefault("__Host-bank-csrf", "")));
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        return headers;
    }

    /** An unsafe request as the SPA makes it: same origin, with the CSRF cookie's value in X-CSRF-Token. */
    HttpResponse<String> postAsApp(String path, String body) {
        return post(path, Map.of("Origin", Suite.BFF, "Sec-Fetch-Site", "same-origin", "X-CSRF-Token", cookies.getOrDefault("__Host-bank-csrf", "")), body);
    }

    static List<String> setCookies(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).toList();
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, Map<String, String> headers) {
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        headers.forEach(builder::header);
        if (traceparent != null) {
            builder.header("traceparent", traceparent);
        }
        // A hang fails the test instead of stalling the run.
        builder.timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                    SeenSecrets.record(value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("BFF did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
