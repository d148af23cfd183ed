package com.bank.auth.mfa.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * One lock per user for the rest of the caller's transaction (a PostgreSQL advisory lock): factor changes and
 * activation codes of one user happen one at a time on every replica, so "has an active factor" or "the active code"
 * cannot change under a decision.
 */
@ApplicationScoped
public class UserLocks {

    private final EntityManager entityManager;

    UserLocks(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(String sub) {
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(:sub, 0))").setParameter("sub", sub)
                .getSingleResult();
    }
}
