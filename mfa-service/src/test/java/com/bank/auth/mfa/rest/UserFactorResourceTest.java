package com.bank.auth.mfa.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.LocalUserTokensTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.ServiceTokenGateContract;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Only bank-bff with scope {@code mfa} reaches mfa-service; a user without factors has an empty list. */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
@WithTestResource(LocalUserTokensTestResource.class)
class UserFactorResourceTest extends ServiceTokenGateContract {

    @Override
    protected String path() {
        return "/users/" + ALICE + "/factors";
    }

    @Override
    protected String scope() {
        return "mfa";
    }

    @Test
    void aUserWithoutFactorsHasAnEmptyList() {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        given().auth().oauth2(token).get(path()).then().statusCode(200).body("$", hasSize(0));
    }
}
