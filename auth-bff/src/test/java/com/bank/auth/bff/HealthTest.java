package com.bank.auth.bff;

import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.OperationalEndpointsContract;

import io.quarkus.test.common.WithTestResource;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class HealthTest extends OperationalEndpointsContract {
}
