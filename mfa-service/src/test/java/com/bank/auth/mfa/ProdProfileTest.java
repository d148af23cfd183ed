package com.bank.auth.mfa;

import static io.restassured.RestAssured.given;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.ProdProfile;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** In the prod profile there is no SMS outbox (the endpoint does not exist for anyone) and SMS go to the provider. */
@QuarkusTest
@TestProfile(ProdProfileTest.Prod.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class ProdProfileTest {

    /** The prod profile with what production injects (throw-away values here) and the real SMS provider adapter. */
    public static class Prod extends ProdProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String key = Base64.getEncoder().encodeToString(new byte[32]);
            return Map.of("mfa.encryption.keys", "prod-test:" + key, "mfa.encryption.active-key-id", "prod-test",
                    "mfa.sms.code-hmac-key", key, "mfa.step-up.allow-ephemeral-key", "true",
                    "mfa.sms.http-url", "http://127.0.0.1:9/sms", "mfa.sms.http-auth-value", "Bearer test");
        }
    }

    /**
     * The SMS provider does not take the message (nothing listens at its URL here): a 503 problem, sent after the
     * commit and outside any lock, and the pending factor it would have confirmed is gone again.
     */
    @Test
    void anSmsProviderFailureIsA503AndLeavesNoFactor() {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        String sub = "user-" + java.util.UUID.randomUUID();
        given().auth().oauth2(token).contentType("application/json").header("Auth-Time", java.time.Instant.now().toString())
                .body(Map.of("sub", sub, "label", "Mobile", "phoneNumber", "+4915112345678")).post("/factors/sms").then()
                .statusCode(503).contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", org.hamcrest.Matchers.endsWith("/sms-unavailable"));
        given().auth().oauth2(token).get("/users/{sub}/factors", sub).then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(0));
    }

    @Test
    void theSmsOutboxDoesNotExist() {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        given().auth().oauth2(token).get("/sms-outbox/{sub}", "user-" + java.util.UUID.randomUUID()).then().statusCode(404);
    }
}
