package com.bank.auth.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.ProdProfile;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The prod profile migrates the schema only: the demo accounts (1,000,000.00 EUR each) never reach production. */
@QuarkusTest
@TestProfile(ProdProfile.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class ProdProfileTest {

    @Inject
    EntityManager entityManager;

    @Test
    void noDemoAccountsExist() {
        Number accounts = (Number) entityManager.createNativeQuery("SELECT count(*) FROM payments.account").getSingleResult();
        assertEquals(0, accounts.intValue());
    }
}
