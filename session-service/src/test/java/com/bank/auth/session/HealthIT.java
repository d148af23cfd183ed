package com.bank.auth.session;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same operational contract against the packaged application. */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
