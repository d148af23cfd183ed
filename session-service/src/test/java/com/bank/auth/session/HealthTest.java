package com.bank.auth.session;

import com.bank.auth.testing.OperationalEndpointsContract;
import com.bank.auth.testing.KeycloakTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class HealthTest extends OperationalEndpointsContract {
}
