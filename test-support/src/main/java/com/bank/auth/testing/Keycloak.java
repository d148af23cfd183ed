package com.bank.auth.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The local Keycloak's realm {@code bank}, as tests talk to it: discovery, token endpoint, demo clients. */
public record Keycloak(String url) {

    /** Local demo client secrets from keycloak/realm-bank.json (public values, for local use only). */
    public static final String BFF_CLIENT = "bank-bff";
    public static final String BFF_SECRET = "bank-bff-local-demo-secret";
    public static final String BACKOFFICE_CLIENT = "bank-backoffice";
    public static final String BACKOFFICE_SECRET = "bank-backoffice-local-demo-secret";
    public static final String REPORTING_CLIENT = "payments-reporting";
    public static final String REPORTING_SECRET = "payments-reporting-local-demo-secret";
    public static final String RECONCILER_CLIENT = "bank-realm-reconciler";
    public static final String RECONCILER_SECRET = "bank-realm-reconciler-local-demo-secret";

    /** Tokens live 120 s; reuse one for at most 60 s so slow test runs never send an expired one. */
    private static final Duration TOKEN_REUSE = Duration.ofSeconds(60);
    private static final Map<String, CachedToken> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private record CachedToken(String token, java.time.Instant fetchedAt) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Keycloak local() {
        return new Keycloak(System.getProperty("keycloak.url",
                System.getenv().getOrDefault("BANK_KEYCLOAK_URL", "http://localhost:8180")));
    }

    public String issuer() {
        return url + "/realms/bank";
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(3)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Posts a form to the token endpoint and returns the status and parsed JSON body. */
    public TokenResponse token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new TokenResponse(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak token endpoint failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client-credentials access token; fails the test if Keycloak refuses. */
    public String clientCredentials(String clientId, String secret, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        if (scope != null) {
            form.put("scope", scope);
        }
        TokenResponse response = token(form);
        if (response.status() != 200) {
            throw new IllegalStateException("client_credentials for " + clientId + " refused: " + response.body());
        }
        return response.body().get("access_token").asText();
    }

    /** Like {@link #clientCredentials}, but reuses a token fetched less than a minute ago. */
    public String cachedClientCredentials(String clientId, String secret, String scope) {
        String cacheKey = url + "|" + clientId + "|" + scope;
        CachedToken cached = TOKENS.get(cacheKey);
        if (cached == null || cached.fetchedAt().plus(TOKEN_REUSE).isBefore(java.time.Instant.now())) {
            cached = new CachedToken(clientCredentials(clientId, secret, scope), java.time.Instant.now());
            TOKENS.put(cacheKey, cached);
        }
        return cached.token();
    }

    /** A master-realm admin token (local demo admin/admin, as ./suite starts Keycloak) for the admin REST API. */
    public String adminToken() {
        String body = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin token failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sets realm {@code bank}'s SSO session idle (how long a refresh token lives after the last refresh) through the admin
     * API, and returns the value it had, for a test that needs Keycloak's idle window short and puts it back.
     */
    public int ssoSessionIdle(int seconds) {
        String realm = url + "/admin/realms/bank";
        String token = adminToken();
        int before = TestUser.read(TestUser.send(token, "GET", realm, null)).path("ssoSessionIdleTimeout").asInt();
        TestUser.send(token, "PUT", realm, java.util.Map.of("ssoSessionIdleTimeout", seconds));
        return before;
    }

    public record TokenResponse(int status, JsonNode body) {
    }
}
