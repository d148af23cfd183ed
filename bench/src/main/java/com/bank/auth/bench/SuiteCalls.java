package com.bank.auth.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakLogin;
import com.bank.auth.testing.TestUser;

/** What the bench and the training run both need from the running chain: tokens and a session of a throw-away user. */
final class SuiteCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"");

    private final Keycloak keycloak;

    SuiteCalls(Keycloak keycloak) {
        this.keycloak = keycloak;
    }

    /** The user's own access token (aud payments-api), from a direct login at Keycloak. */
    String userToken(TestUser user) {
        return KeycloakLogin.signIn(keycloak, user.username(), user.password()).get("access_token").asText();
    }

    /** The BFF's client-credentials token for session-service ({@code scope}: sessions) or mfa-service (mfa). */
    String bffToken(String scope) {
        return keycloak.cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, scope);
    }

    /** A session of {@code user} at session-service, as the BFF creates one at login (its tokens are placeholders). */
    String createSession(String sessions, TestUser user) {
        String body = """
                {"sub":"%s","sid":"%s","acr":"1","amr":["pwd"],"authTime":"%s","userAgent":"bench",
                 "tokens":{"accessToken":"bench-not-a-token","refreshToken":"bench","idToken":"bench","accessTokenExpiresAt":"%s"}}"""
                .formatted(user.sub(), UUID.randomUUID(), Instant.now(), Instant.now().plusSeconds(120));
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(sessions + "/sessions"))
                .header("Authorization", "Bearer " + bffToken("sessions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher id = SESSION_ID.matcher(created.body());
        if (created.statusCode() != 201 && created.statusCode() != 200 || !id.find()) {
            throw new IllegalStateException("session-service did not create a session: " + created.statusCode());
        }
        return id.group(1);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.build().uri() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
