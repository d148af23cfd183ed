package com.bank.auth.payments.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Every step-up token payments-service acts on works once (DESIGN 5): a payment, a beneficiary or one admin operation.
 * The spend is part of the caller's transaction, so a booking that rolls back gives the token back, and two requests
 * racing with one token cannot both win (the second insert waits for the first and then finds the row).
 */
@ApplicationScoped
public class SpentStepUps {

    private final EntityManager entityManager;

    SpentStepUps(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** True if {@code jti} was unspent and is spent now; false if it was spent before. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean spend(String jti, String purpose) {
        return entityManager.createNativeQuery("INSERT INTO payments.spent_step_up (jti, purpose, spent_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, jti).setParameter(2, purpose).setParameter(3, Instant.now())
                .executeUpdate() == 1;
    }
}
