package com.bank.auth.mfa;

import static io.restassured.RestAssured.given;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.LocalUserTokensTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.ProdProfile;
import com.bank.auth.testing.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** In the prod profile there is no SMS outbox (the endpoint does not exist for anyone) and SMS go to the provider. */
@QuarkusTest
@TestProfile(ProdProfileTest.Prod.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
@WithTestResource(LocalUserTokensTestResource.class)
class ProdProfileTest {

    @jakarta.inject.Inject
    jakarta.persistence.EntityManager entityManager;

    /** The prod profile with what production injects (throw-away values here) and the real SMS provider adapter. */
    public static class Prod extends ProdProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String key = Base64.getEncoder().encodeToString(new byte[32]);
            return Map.of("mfa.encryption.keys", "prod-test:" + key, "mfa.encryption.active-key-id", "prod-test",
                    "mfa.sms.code-hmac-key", key, "mfa.step-up.allow-ephemeral-key", "true",
                    "mfa.sms.http-url", "http://127.0.0.1:9/sms", "mfa.sms.http-auth-value", "Bearer test",
                    "mfa.letters.http-url", "http://127.0.0.1:9/letters", "mfa.letters.http-auth-value", "Bearer test");
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
        String code = activationCodeOf(sub);
        given().auth().oauth2(token).contentType("application/json").header("User-Token", TestTokens.userSignedInAt(sub, Instant.now()))
                .body(Map.of("sub", sub, "label", "Mobile", "phoneNumber", "+4915112345678", "activationCode", code)).post("/factors/sms").then()
                .statusCode(503).contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", org.hamcrest.Matchers.endsWith("/sms-unavailable"));
        given().auth().oauth2(token).get("/users/{sub}/factors", sub).then().statusCode(200).body("$", org.hamcrest.Matchers.hasSize(0));
    }

    @Test
    void theSmsOutboxDoesNotExist() {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        given().auth().oauth2(token).get("/sms-outbox/{sub}", "user-" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    /** The letter provider does not take the letter: a 503 problem, and no code stays active (none was mailed). */
    @Test
    void aLetterProviderFailureIsA503AndLeavesNoCode() {
        String backoffice = Keycloak.local().cachedClientCredentials(Keycloak.BACKOFFICE_CLIENT, Keycloak.BACKOFFICE_SECRET, "mfa:onboarding");
        String sub = "user-" + java.util.UUID.randomUUID();
        given().auth().oauth2(backoffice).post("/users/{sub}/activation-letters", sub).then().statusCode(503)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("/letter-unavailable"))
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertEquals(0L, ((Number) entityManager.createNativeQuery("select count(*) from mfa.activation_code where sub = ?1 and status = 'active'")
                .setParameter(1, sub).getSingleResult()).longValue());
        String bff = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        given().auth().oauth2(bff).get("/users/{sub}/letter-outbox", sub).then().statusCode(404);
    }

    /**
     * An active code for {@code sub}, stored as the back office's letter would have left it (the provider is not
     * reachable here): the keyed hash under this profile's all-zero key.
     */
    /** Without mfa.passkey.origin (not set here) no passkey can be added, and the refusal spends nothing of the user's. */
    @Test
    void withoutTheWebAppsOriginNoPasskeyCanBeAddedAndTheRefusalCountsForNothing() {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        String sub = "user-" + java.util.UUID.randomUUID();
        String code = activationCodeOf(sub);
        for (int i = 0; i < 12; i++) {
            given().auth().oauth2(token).contentType("application/json").header("User-Token", TestTokens.userSignedInAt(sub, Instant.now()))
                    .body(Map.of("sub", sub, "label", "Laptop", "activationCode", code)).post("/factors/passkey").then()
                    .statusCode(409).body("type", org.hamcrest.Matchers.endsWith("/passkeys-unavailable"));
        }
        // Past the daily enrolment limit (10) had those counted; the letter's code still sets up an app.
        given().auth().oauth2(token).contentType("application/json").header("User-Token", TestTokens.userSignedInAt(sub, Instant.now()))
                .body(Map.of("sub", sub, "label", "Phone app", "activationCode", code)).post("/factors/totp").then().statusCode(201);
    }

    private String activationCodeOf(String sub) {
        String code = "ABCDE12345";
        java.util.UUID id = java.util.UUID.randomUUID();
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(new byte[32], "HmacSHA256"));
            String hash = java.util.HexFormat.of().formatHex(mac.doFinal(("activation:" + id + ":" + code).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "insert into mfa.activation_code (id, sub, code_hash, status, created_at, expires_at) values (?1, ?2, ?3, 'active', now(), now() + interval '1 day')")
                    .setParameter(1, id).setParameter(2, sub).setParameter(3, hash).executeUpdate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return code;
    }
}
