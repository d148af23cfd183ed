package com.bank.auth.session.rest;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;

import com.bank.auth.testing.Keycloak;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The session API as the BFF calls it, with bank-bff's real client-credentials token. */
final class SessionApi {

    private SessionApi() {
    }

    static RequestSpecification bff() {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "sessions");
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static RequestSpecification bff(String sessionId) {
        return bff().header("Session-Id", sessionId);
    }

    static Map<String, Object> newSession(String sub, String sid, String accessToken) {
        return Map.of("sub", sub, "sid", sid, "acr", "1", "amr", java.util.List.of("pwd"),
                "authTime", Instant.now().toString(), "userAgent", "JUnit",
                "tokens", tokens(accessToken));
    }

    static Map<String, Object> tokens(String accessToken) {
        return Map.of("accessToken", accessToken, "refreshToken", "refresh-" + accessToken, "idToken", "id-" + accessToken,
                "accessTokenExpiresAt", Instant.now().plusSeconds(120).toString());
    }

    static Response create(String sub) {
        return create(sub, "sid-" + sub);
    }

    static Response create(String sub, String sid) {
        return bff().body(newSession(sub, sid, "at-" + System.nanoTime())).post("/sessions");
    }

    static String uniqueSub() {
        return "user-" + java.util.UUID.randomUUID();
    }
}
