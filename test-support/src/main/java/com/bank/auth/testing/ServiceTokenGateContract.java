package com.bank.auth.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/**
 * The gate in front of an internal endpoint that only bank-bff may call with one scope (DESIGN 2): with that
 * scope it is served; without a token, with a token of the wrong audience or client, or with garbage it is a
 * 401 problem with the RFC 6750 challenge. Subclasses name the endpoint and the scope.
 */
public abstract class ServiceTokenGateContract {

    protected static final String ALICE = "6f1c2a52-6d0b-4a3e-9f43-0a11ce000001";

    private final Keycloak keycloak = Keycloak.local();

    /** A GET path of the service that needs the scope, and answers 200 for a user without data. */
    protected abstract String path();

    /** The scope bank-bff must have asked for. */
    protected abstract String scope();

    @Test
    void withoutTokenIsUnauthorized() {
        given().get(path()).then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .contentType("application/problem+json");
    }

    @Test
    void bffWithTheScopeIsServed() {
        String token = keycloak.cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, scope());
        given().auth().oauth2(token).get(path()).then().statusCode(200);
    }

    @Test
    void bffWithoutTheScopeHasTheWrongAudience() {
        String token = keycloak.cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, null);
        given().auth().oauth2(token).get(path()).then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer error=\"invalid_token\""));
    }

    @Test
    void anotherClientWithTheSameAudienceAndScopeIsForbidden() {
        // Refused by the caller allow-list (azp), not by the audience: the token has both right (issue 23).
        try (ThrowAwayClient other = ThrowAwayClient.create(keycloak)) {
            given().auth().oauth2(other.token(scope())).get(path()).then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void garbageTokenIsUnauthorizedNotAnError() {
        given().auth().oauth2("not.a.jwt").get(path()).then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
