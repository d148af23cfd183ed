package com.bank.auth.session.rest;

import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.ServiceTokenGateContract;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Only bank-bff with scope {@code sessions} reaches session-service. */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class UserSessionResourceTest extends ServiceTokenGateContract {

    @Override
    protected String path() {
        return "/users/" + ALICE + "/sessions";
    }

    @Override
    protected String scope() {
        return "sessions";
    }
}
