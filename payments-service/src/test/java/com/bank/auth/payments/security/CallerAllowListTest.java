package com.bank.auth.payments.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.LocalIssuerTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Callers per kind of endpoint (issue 23, item 8): tokens valid in every other way (realm signature, {@code aud:
 * payments-api}, role or scope) are refused when the calling client ({@code azp}) or the kind of token is not the one
 * the endpoint serves. Signed by the local issuer, so each token can differ from a good one in exactly one claim.
 */
@QuarkusTest
@WithTestResource(LocalIssuerTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class CallerAllowListTest {

    private static final String REPORT = "/reports/payments?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z";

    @Test
    void theBffsUserTokenIsServed() {
        given().auth().oauth2(TestTokens.user(TestTokens.ALICE)).get("/accounts").then().statusCode(200);
    }

    @Test
    void aUserTokenOfAnotherClientOpensNoUserEndpoint() {
        String token = TestTokens.sign(TestTokens.userClaims(TestTokens.ALICE).claim("azp", "payments-reporting"));
        forbidden(given().auth().oauth2(token).get("/accounts").then());
        forbidden(given().auth().oauth2(token).get("/beneficiaries").then());
    }

    @Test
    void aServiceTokenOfTheBffWithARoleOpensNoUserEndpoint() {
        // Client credentials: no user session, so no sid; even if a realm admin gave the service account USER.
        String token = TestTokens.sign(withoutSid(TestTokens.userClaims(TestTokens.ALICE)));
        forbidden(given().auth().oauth2(token).get("/accounts").then());
        forbidden(given().auth().oauth2(token).get("/payments").then());
    }

    @Test
    void theReportingClientIsServedItsReport() {
        given().auth().oauth2(reportToken("payments-reporting")).get(REPORT).then().statusCode(200);
    }

    @Test
    void theReadScopeOfAnotherClientOpensNoReport() {
        forbidden(given().auth().oauth2(reportToken("bank-bff")).get(REPORT).then());
    }

    @Test
    void theReportingClientOpensNoUserEndpointEvenWithARole() {
        forbidden(given().auth().oauth2(reportToken("payments-reporting")).get("/accounts").then());
    }

    /** A client-credentials token of {@code client} with scope {@code payments:read} (and, wrongly, role USER). */
    private static String reportToken(String client) {
        return TestTokens.sign(withoutSid(TestTokens.userClaims("service-account-" + client)
                .claim("azp", client).claim("scope", "payments:read")));
    }

    private static JwtClaimsBuilder withoutSid(JwtClaimsBuilder claims) {
        return claims.remove("sid");
    }

    private static void forbidden(io.restassured.response.ValidatableResponse response) {
        response.statusCode(403).contentType("application/problem+json");
    }
}
