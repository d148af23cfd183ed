package com.bank.auth.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A user signing in to the real Keycloak the way bank-bff does (PAR, PKCE S256, state, nonce, confidential code
 * exchange), driven by an HTTP client that keeps cookies and posts the login form. For tests that need a real user
 * access token; there is no password grant to shortcut this (DESIGN 6).
 */
public final class KeycloakLogin {

    public static final String REDIRECT_URI = "http://localhost:8080/bff/callback";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeycloakLogin() {
    }

    /** The token response (access, refresh and ID token) after {@code username} signs in. */
    public static JsonNode signIn(Keycloak keycloak, String username, String password) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> cookies = new LinkedHashMap<>();
        String verifier = random();
        String state = random();
        Map<String, String> par = new LinkedHashMap<>();
        par.put("client_id", Keycloak.BFF_CLIENT);
        par.put("client_secret", Keycloak.BFF_SECRET);
        par.put("response_type", "code");
        par.put("redirect_uri", REDIRECT_URI);
        par.put("scope", "openid payments");
        par.put("state", state);
        par.put("nonce", random());
        par.put("code_challenge", challenge(verifier));
        par.put("code_challenge_method", "S256");
        JsonNode pushed = json(send(http, post(keycloak.issuer() + "/protocol/openid-connect/ext/par/request", par), cookies), 201);

        URI authorize = URI.create(keycloak.issuer() + "/protocol/openid-connect/auth?client_id=" + Keycloak.BFF_CLIENT
                + "&request_uri=" + encode(pushed.get("request_uri").asText()));
        Map<String, String> callback = query(authorize(keycloak, authorize, username, password).getRawQuery());
        if (!state.equals(callback.get("state")) || !keycloak.issuer().equals(callback.get("iss"))) {
            throw new IllegalStateException("callback without our state or Keycloak's iss");
        }

        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("client_id", Keycloak.BFF_CLIENT);
        exchange.put("client_secret", Keycloak.BFF_SECRET);
        exchange.put("code", callback.get("code"));
        exchange.put("redirect_uri", REDIRECT_URI);
        exchange.put("code_verifier", verifier);
        return json(send(http, post(keycloak.tokenEndpoint(), exchange), cookies), 200);
    }

    /**
     * The user's part at Keycloak: open the authorization URL (following Keycloak's own redirects), post the login
     * form, and return the redirect Keycloak sends the browser to (the client's callback with code, state and iss).
     */
    public static URI authorize(Keycloak keycloak, URI authorizeUrl, String username, String password) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> loginPage = send(http, HttpRequest.newBuilder(authorizeUrl).GET().build(), cookies);
        for (int hops = 0; loginPage.statusCode() == 302 && hops < 5; hops++) {
            String next = loginPage.headers().firstValue("Location").orElse("");
            if (!next.startsWith(keycloak.url())) {
                break;
            }
            loginPage = send(http, HttpRequest.newBuilder(URI.create(next)).GET().build(), cookies);
        }
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        if (loginPage.statusCode() != 200 || !action.find()) {
            throw new IllegalStateException("no Keycloak login form (status " + loginPage.statusCode() + ")");
        }
        HttpResponse<String> afterLogin = send(http, post(action.group(1).replace("&amp;", "&"),
                Map.of("username", username, "password", password, "credentialId", "")), cookies);
        String location = afterLogin.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("login refused for " + username + " (status " + afterLogin.statusCode() + ")"));
        return URI.create(location);
    }

    private static HttpRequest post(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * Sends with the cookies Keycloak set so far. A hand-kept jar: Keycloak marks its cookies Secure, and
     * java.net.CookieManager withholds those over plain-HTTP localhost (browsers treat localhost as secure).
     */
    private static HttpResponse<String> send(HttpClient http, HttpRequest request, Map<String, String> cookies) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak did not answer " + request.uri().getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(response.uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON from " + response.uri().getPath(), e);
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
