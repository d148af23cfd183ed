package com.bank.auth.payments.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.LocalIssuerTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;

/**
 * mfa-service's JWKS hangs (a socket that takes the connection and never answers): a payment that brings a step-up is
 * still answered at once, 401 step-up-required (fail closed), because keys come from the background key source and a
 * request waits for a fetch at most a second (issue 23, item 4). smallrye-jwt's own fetch held it for jose4j's 20 s.
 */
@QuarkusTest
@TestProfile(HungStepUpJwksTest.HungMfaJwks.class)
@WithTestResource(LocalIssuerTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class HungStepUpJwksTest {

    private static final ServerSocket HUNG = hungSocket();

    public static class HungMfaJwks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bank.step-up.jwks-url", "http://127.0.0.1:" + HUNG.getLocalPort() + "/.well-known/jwks.json");
        }
    }

    @Test
    void aHungStepUpJwksGivesAnAnswerWithinTheCallersBudget() {
        String key = UUID.randomUUID().toString();
        String stepUp = TestTokens.signStepUp(TestTokens.stepUpClaims(TestTokens.ALICE, "payment", "any-txn"));
        // The BFF waits 4 s for payments-service; this client gives up after 4 s as well.
        given().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 4000).setParam("http.connection.timeout", 2000)))
                .auth().oauth2(TestTokens.user(TestTokens.ALICE)).contentType("application/json").header("Idempotency-Key", key)
                .header("Step-Up-Token", stepUp)
                .body("{\"debtorAccount\":\"DE89370400440532013000\",\"creditor\":{\"name\":\"Landlord\",\"iban\":\"GB82WEST12345698765432\"},"
                        + "\"amount\":\"12000.00\",\"currency\":\"EUR\"}")
                .post("/payments").then().statusCode(401).header("WWW-Authenticate", containsString("insufficient_user_authentication"));
    }

    private static ServerSocket hungSocket() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
