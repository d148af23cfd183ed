package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.bank.auth.testing.Keycloak;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * session-service itself, with the BFF's service token (scope {@code sessions}), as another BFF replica or the back
 * office calls it: what the tests read of a session's state and how they change it behind a BFF's back.
 */
final class SessionServiceApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SessionServiceApi() {
    }

    static HttpResponse<String> call(String method, String path, String sessionId, String body) throws Exception {
        return call(method, path, sessionId, body, Map.of());
    }

    static HttpResponse<String> call(String method, String path, String sessionId, String body, Map<String, String> headers)
            throws Exception {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "sessions");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Suite.SESSIONS + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (sessionId != null) {
            request.header("Session-Id", sessionId);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** session-service's view of a session, read without sliding or counting (as a request waiting for a refresh reads it). */
    static JsonNode peek(String sessionId) throws Exception {
        HttpResponse<String> session = call("POST", "/sessions/lookup?peek=true", sessionId, null);
        assertEquals(200, session.statusCode(), session.body());
        return JSON.readTree(session.body());
    }

    /** The session's token version: one more per token write, so per refresh that reached Keycloak. */
    static long tokenVersion(String sessionId) throws Exception {
        return peek(sessionId).path("tokenVersion").asLong();
    }

    /**
     * The token version once it moved past {@code version} (within 10 s), read again a second later: a refresh that
     * runs beside a request lands a moment after it, and a second refresh would show in the second read.
     */
    static long tokenVersionAfterChange(String sessionId, long version) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (tokenVersion(sessionId) == version && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000);
        return tokenVersion(sessionId);
    }
}
