package com.bank.auth.mfa.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.model.Factor;
import com.bank.auth.mfa.model.SecurityEvent;

/** Consecutive failures per factor: at the threshold (5) the factor locks for 15 minutes; a success resets. */
@ApplicationScoped
public class FactorAttempts {

    private final MfaConfig.Lockout config;
    private final SecurityEvents events;

    FactorAttempts(MfaConfig config, SecurityEvents events) {
        this.config = config.lockout();
        this.events = events;
    }

    /** Counts a failure on a factor the caller holds locked (SELECT … FOR UPDATE). */
    public void failed(Factor factor, Instant now) {
        factor.consecutiveFailures++;
        if (factor.consecutiveFailures >= config.threshold()) {
            factor.lockedUntil = now.plus(config.duration());
            factor.consecutiveFailures = 0;
            events.record(factor.sub, SecurityEvent.FACTOR_LOCKED, "\"" + factor.label + "\" locked until " + factor.lockedUntil);
        }
    }

    /** Until a locked-for-good factor is removed: a date no lock by count ever reaches. */
    public static final Instant LOCKED_FOR_GOOD = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * A passkey whose sign count went back (a copy of its key may be in use): locked until the user removes it, and a
     * security event the user sees. Never unlocked by time: a copied key stays copied.
     */
    public void cloneSuspected(Factor factor) {
        factor.lockedUntil = LOCKED_FOR_GOOD;
        events.record(factor.sub, SecurityEvent.PASSKEY_CLONE_SUSPECTED,
                "Passkey \"" + factor.label + "\" locked: it answered as if it had been copied");
    }

    public void succeeded(Factor factor, Instant now) {
        factor.consecutiveFailures = 0;
        factor.lastUsedAt = now;
    }
}
