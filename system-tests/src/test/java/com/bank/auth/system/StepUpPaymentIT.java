package com.bank.auth.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakLogin;
import com.bank.auth.testing.TestUser;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The step-up chain across the running services, with nothing faked: a throw-away user signs in to Keycloak, enrols TOTP in
 * mfa-service, a large payment is refused by payments-service with the binding, mfa-service issues a step-up token
 * for exactly that payment after a TOTP code, and payments-service books it once.
 */
class StepUpPaymentIT {

    private static final String CREDITOR = "GB82WEST12345698765432";

    @Test
    void aLargePaymentIsBookedWithAStepUpFromMfaService() throws Exception {
        try (TestUser user = TestUser.create()) {
            aLargePaymentIsBookedWithAStepUp(user);
        }
    }

    private void aLargePaymentIsBookedWithAStepUp(TestUser user) throws Exception {
        String sub = user.sub();
        String accessToken = KeycloakLogin.signIn(Keycloak.local(), user.username(), user.password()).get("access_token").asText();

        // A first factor: the user signed in just now (their own access token says when) and has their letter's code.
        var enrolment = mfa().header("User-Token", accessToken)
                .body(Map.of("sub", sub, "label", "System test app", "activationCode", user.activationCode(Suite.MFA))).post("/factors/totp").then().statusCode(201)
                .body("otpauthUri", startsWith("otpauth://totp/")).extract();
        byte[] secret = AuthenticatorApp.secretOf(enrolment.path("otpauthUri"));
        mfa().body(Map.of("sub", sub, "code", AuthenticatorApp.previousCode(secret))).post("/factors/{id}/confirm", enrolment.<String>path("factorId"))
                .then().statusCode(200);

        String key = UUID.randomUUID().toString();
        Map<String, Object> payment = Map.of("debtorAccount", user.iban(),
                "creditor", Map.of("name", "Car Dealer", "iban", CREDITOR), "amount", "15000.00", "currency", "EUR");
        var required = payments(accessToken).header("Idempotency-Key", key).body(payment).post("/payments").then()
                .statusCode(401).body("type", equalTo("https://bank.example/problems/step-up-required")).extract();

        Map<String, Object> binding = Map.of("amount", required.path("amount"), "currency", required.path("currency"),
                "creditorName", required.path("creditorName"), "creditorIban", required.path("creditorIban"), "idempotencyKey", key);
        String challengeId = mfa().body(Map.of("sub", sub, "purpose", "payment", "binding", binding)).post("/challenges").then()
                .statusCode(201).body("display.amount", equalTo("15000.00")).extract().path("challengeId");
        String stepUp = mfa().body(Map.of("sub", sub, "code", AuthenticatorApp.code(secret, 0))).post("/challenges/{id}/verify", challengeId).then()
                .statusCode(200).extract().path("stepUpToken");

        payments(accessToken).header("Idempotency-Key", key).header("Step-Up-Token", stepUp).body(payment).post("/payments").then()
                .statusCode(201).body("status", equalTo("BOOKED"));
        // The same step-up for another payment (other key) is refused: bound to exactly the first one.
        payments(accessToken).header("Idempotency-Key", UUID.randomUUID().toString()).header("Step-Up-Token", stepUp).body(payment)
                .post("/payments").then().statusCode(401);
        // Nor does a payment approval remove the factor it was made with.
        mfa().header("Step-Up-Token", stepUp).queryParam("sub", sub).delete("/factors/{id}", enrolment.<String>path("factorId"))
                .then().statusCode(401).body("purpose", equalTo("factor-change"));
    }

    private static RequestSpecification mfa() {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        return given().baseUri(Suite.MFA).auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static RequestSpecification payments(String accessToken) {
        return given().baseUri(Suite.PAYMENTS).auth().oauth2(accessToken).contentType(ContentType.JSON);
    }
}
