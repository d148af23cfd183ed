package com.bank.auth.mfa;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same operational contract against the packaged application. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
