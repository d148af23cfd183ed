package com.bank.auth.mfa.service;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * When each user last completed strong customer authentication (PSD2 RTS Art. 10a): a verified step-up of any
 * purpose, or the confirmation of a factor. The BFF asks at sign-in whether account data may be shown without a new
 * SCA (DESIGN 5a: younger than {@code bff.sca.login-max-age}).
 */
@ApplicationScoped
public class LastSca {

    private final EntityManager entityManager;

    LastSca(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records an SCA of {@code sub} now, in the caller's transaction (an upsert: one row per user, never older). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String sub, Instant at) {
        entityManager.createNativeQuery("INSERT INTO {h-schema}user_sca (sub, last_sca_at) VALUES (:sub, :at) "
                + "ON CONFLICT (sub) DO UPDATE SET last_sca_at = greatest(user_sca.last_sca_at, excluded.last_sca_at)")
                .setParameter("sub", sub).setParameter("at", at).executeUpdate();
    }

    public Optional<Instant> of(String sub) {
        return entityManager.createNativeQuery("SELECT last_sca_at FROM {h-schema}user_sca WHERE sub = :sub", Instant.class)
                .setParameter("sub", sub).getResultStream().findFirst().map(Instant.class::cast);
    }
}
