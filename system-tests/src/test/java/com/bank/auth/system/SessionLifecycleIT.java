package com.bank.auth.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.Keycloak;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** session-service as ./suite runs it (prod profile, configured key ring, real Redis): a whole session life. */
class SessionLifecycleIT {

    private final String token = Keycloak.local().clientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "sessions");

    private RequestSpecification bff() {
        return given().baseUri(Suite.SESSIONS).auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void createLookUpRotateAndLogOut() {
        String sub = "system-test-" + UUID.randomUUID();
        Map<String, Object> tokens = Map.of("accessToken", "at", "refreshToken", "rt", "idToken", "it",
                "accessTokenExpiresAt", Instant.now().plusSeconds(120).toString());
        var created = bff().body(Map.of("sub", sub, "sid", "sid-" + sub, "tokens", tokens)).post("/sessions");
        created.then().statusCode(201);
        String id = created.path("sessionId");
        String handle = created.path("handle");

        bff().header("Session-Id", id).post("/sessions/lookup").then().statusCode(200)
                .body("tokens.refreshToken", equalTo("rt")).body("uses", equalTo(1));
        String rotated = bff().header("Session-Id", id).post("/sessions/rotate").then().statusCode(200)
                .extract().path("sessionId");
        bff().header("Session-Id", id).post("/sessions/lookup").then().statusCode(410).body("reason", equalTo("rotated"));
        bff().get("/users/{sub}/sessions", sub).then().statusCode(200).body("handle", contains(handle));
        bff().header("Session-Id", rotated).delete("/sessions").then().statusCode(200).body("handle", equalTo(handle));
        bff().header("Session-Id", rotated).post("/sessions/lookup").then().statusCode(410).body("reason", equalTo("logout"));
        bff().get("/users/{sub}/sessions", sub).then().statusCode(200).body("$", equalTo(List.of()));
    }
}
