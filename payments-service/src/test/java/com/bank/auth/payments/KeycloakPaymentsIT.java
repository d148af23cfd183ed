package com.bank.auth.payments;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.bank.auth.common.stepup.TransactionBinding;
import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakLogin;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.LocalStepUpIssuerTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged service with a real user access token (alice signs in to the real Keycloak with PAR and PKCE),
 * a real PostgreSQL, and a locally signed step-up token standing in for mfa-service.
 */
@QuarkusIntegrationTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(LocalStepUpIssuerTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class KeycloakPaymentsIT {

    private static final String CREDITOR = "GB82WEST12345698765432";

    @Test
    void aliceSeesHerAccountAndBooksAStepUpPayment() {
        String accessToken = KeycloakLogin.signIn(Keycloak.local(), "alice", "Alice-Demo-2026!").get("access_token").asText();
        given().auth().oauth2(accessToken).get("/accounts").then().statusCode(200)
                .body("[0].iban", equalTo("DE89370400440532013000")).body("[0].balance", equalTo("1000000.00"));

        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("debtorAccount", "DE89370400440532013000",
                "creditor", Map.of("name", "Landlord", "iban", CREDITOR), "amount", "12500.00", "currency", "EUR");
        given().auth().oauth2(accessToken).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/payments").then().statusCode(401).header("WWW-Authenticate", containsString("insufficient_user_authentication"));

        String txn = new TransactionBinding(new BigDecimal("12500.00"), "EUR", CREDITOR, key).txn();
        String stepUp = TestTokens.signStepUp(TestTokens.stepUpClaims(TestTokens.ALICE, "payment", txn));
        given().auth().oauth2(accessToken).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .header("Step-Up-Token", stepUp).body(body).post("/payments").then().statusCode(201).body("status", equalTo("BOOKED"));
        given().auth().oauth2(accessToken).get("/accounts").then().body("[0].balance", equalTo("987500.00"));
    }

    @Test
    void aRealTokenOfAnotherAudienceIsRefused() {
        String sessionsToken = Keycloak.local().clientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "sessions");
        // aud session-service only: the payments audience is on the scope of user logins alone (issue 23, item 8).
        given().auth().oauth2(sessionsToken).get("/accounts").then().statusCode(401);
    }

    @Test
    void theBffsServiceTokenWithThePaymentsAudienceIsNoUser() {
        // Keycloak lets a client ask for its optional scopes in any grant: the audience alone cannot keep the BFF's
        // service account out. A service token has no user session (no sid), so it opens no user endpoint.
        String token = Keycloak.local().clientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "payments");
        given().auth().oauth2(token).get("/accounts").then().statusCode(403);
    }
}
