package com.bank.auth.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakLogin;
import com.bank.auth.testing.TestUser;

/**
 * One customer's browser as far as the BFF can tell: its cookies, the SPA's headers on unsafe requests, the
 * sign-in through Keycloak's login form. Not thread-safe: one per simulated user.
 */
final class BffClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    BffClient(String base) {
        this.base = base;
    }

    /** /bff/login → Keycloak's form → /bff/callback, as a browser signs in; fails unless the BFF set a session. */
    void signIn(TestUser user) {
        HttpResponse<String> login = get("/bff/login?returnTo=/");
        URI authorize = URI.create(login.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("/bff/login answered " + login.statusCode())));
        URI callback = KeycloakLogin.authorize(Keycloak.local(), authorize, user.username(), user.password());
        HttpResponse<String> done = get(callback.getRawPath() + "?" + callback.getRawQuery());
        if (done.statusCode() != 302 || cookieHeader().isEmpty()) {
            throw new IllegalStateException("the BFF did not sign in " + user.username() + ": " + done.statusCode());
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** An unsafe request as the SPA sends it: same origin, CSRF token from its cookie, a new Idempotency-Key. */
    HttpResponse<String> postAsApp(String path, String json) {
        return postAsApp(path, json, UUID.randomUUID().toString());
    }

    /** The same with the caller's Idempotency-Key: a retry of a payment sends the key of its first attempt. */
    HttpResponse<String> postAsApp(String path, String json, String idempotencyKey) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Origin", KeycloakLogin.REDIRECT_URI.replace("/bff/callback", ""))
                .header("Sec-Fetch-Site", "same-origin").header("X-CSRF-Token", cookies.getOrDefault("__Host-bank-csrf", ""))
                .header("Idempotency-Key", idempotencyKey));
    }

    /** The Cookie header this browser sends: for wrk, which then plays this user. */
    String cookieHeader() {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookieHeader());
        }
        try {
            HttpResponse<String> response = HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("the BFF did not answer " + builder.build().uri().getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
