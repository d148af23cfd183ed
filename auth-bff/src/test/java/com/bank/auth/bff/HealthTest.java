package com.bank.auth.bff;

import com.bank.auth.testing.OperationalEndpointsContract;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest extends OperationalEndpointsContract {
}
