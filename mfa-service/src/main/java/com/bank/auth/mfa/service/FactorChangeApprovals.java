package com.bank.auth.mfa.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.model.Factor;

/**
 * Who may change a user's factors (DESIGN 5, PSD2 RTS Art. 24). While the user has an active factor, adding or
 * removing one needs a {@code factor-change} step-up approved with an existing active factor: signed by this
 * service for this {@code sub}, at most 5 minutes old, used once. A fresh login alone is never enough, since a phished
 * password must not replace the second factor. A user's first factor needs the code of their activation letter and a
 * login younger than 5 minutes (the {@code auth_time} of their own signed access token): a phished password, or a
 * copied session cookie, binds nothing.
 * <p>
 * Every decision takes a per-user transaction lock, so "has an active factor" cannot change under it (two enrolments
 * racing to be "the first", a confirmation racing a removal).
 */
@ApplicationScoped
public class FactorChangeApprovals {

    /** How an enrolment was approved; a factor approved by {@link #ACTIVATION_CODE} can only become a user's first. */
    public static final String ACTIVATION_CODE = "activation-code";
    public static final String STEP_UP = "step-up";

    /** How an enrolment was approved, and for a first factor the activation code its confirmation will spend. */
    public record Approval(String approvedBy, java.util.UUID activationCodeId) {
    }

    /** The freshness of both a first factor's login and a factor-change step-up ({@code mfa.enrolment.max-proof-age}). */
    private final Duration maxAge;
    /** Clock difference tolerated between the IdP's auth_time and ours ({@code mfa.enrolment.clock-skew}). */
    private final Duration skew;

    private final StepUpTokenVerifier verifier;
    private final EntityManager entityManager;
    private final UserLocks locks;
    private final ActivationCodes codes;

    FactorChangeApprovals(StepUpSigner signer, MfaConfig config, EntityManager entityManager, UserLocks locks, ActivationCodes codes) {
        this.verifier = StepUpTokenVerifier.fromJwks(signer.jwks(), config.stepUp().issuer(),
                StepUpTokenVerifier.audienceOf(StepUpTokenVerifier.FACTOR_CHANGE), Set.of("ES256"), config.enrolment().maxProofAge());
        this.maxAge = config.enrolment().maxProofAge();
        this.skew = config.enrolment().clockSkew();
        this.entityManager = entityManager;
        this.locks = locks;
        this.codes = codes;
    }

    /**
     * Approves a change of {@code sub}'s factors inside the caller's transaction, consuming the step-up it needs;
     * otherwise 401 ({@code step-up-required} with {@code purpose: factor-change}, or {@code login-required}) or, for a
     * first factor without a valid activation code, 403 {@code activation-code-required}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Approval approve(String sub, String stepUpToken, Instant authTime, String activationCode) {
        lockUser(sub);
        if (!hasActiveFactor(sub)) {
            Instant now = Instant.now();
            if (authTime == null || !authTime.isAfter(now.minus(maxAge)) || !authTime.isBefore(now.plus(skew))) {
                Audit.event(AuditEvent.STEP_UP_REFUSED, Outcome.FAILURE, sub, Map.of("purpose", "factor-change", "reason", "no recent login"));
                throw MfaProblems.loginRequired();
            }
            return new Approval(ACTIVATION_CODE, codes.verify(sub, activationCode));
        }
        JsonWebToken approval = verifier.verify(stepUpToken, sub, StepUpTokenVerifier.FACTOR_CHANGE)
                .filter(jwt -> StepUpTokenVerifier.issuedWithin(jwt, maxAge))
                .orElseThrow(MfaProblems::factorChangeStepUpRequired);
        if (!consume(approval)) {
            Audit.event(AuditEvent.STEP_UP_REFUSED, Outcome.FAILURE, sub, Map.of("purpose", "factor-change", "reason", "already used"));
            throw MfaProblems.factorChangeStepUpRequired();
        }
        return new Approval(STEP_UP, null);
    }

    /** Takes the per-user lock for the rest of the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockUser(String sub) {
        locks.lock(sub);
    }

    public boolean hasActiveFactor(String sub) {
        return Factor.count("sub = ?1 and status = ?2", sub, Factor.ACTIVE) > 0;
    }

    /** Records the step-up's {@code jti}: false if it was used before (single use, across replicas). */
    private boolean consume(JsonWebToken approval) {
        int inserted = entityManager.createNativeQuery("INSERT INTO {h-schema}used_step_up (jti, sub, purpose, used_at, expires_at) "
                + "VALUES (:jti, :sub, :purpose, now(), :exp) ON CONFLICT (jti) DO NOTHING")
                .setParameter("jti", approval.getTokenID()).setParameter("sub", approval.getSubject())
                .setParameter("purpose", StepUpTokenVerifier.FACTOR_CHANGE)
                .setParameter("exp", Instant.ofEpochSecond(approval.getExpirationTime()))
                .executeUpdate();
        return inserted == 1;
    }
}
