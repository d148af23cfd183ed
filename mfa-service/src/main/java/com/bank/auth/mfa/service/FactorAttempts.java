package com.bank.auth.mfa.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.model.Factor;

/** Consecutive failures per factor: at the threshold (5) the factor locks for 15 minutes; a success resets. */
@ApplicationScoped
public class FactorAttempts {

    private static final Logger AUDIT = Logger.getLogger("audit");

    private final MfaConfig.Lockout config;

    FactorAttempts(MfaConfig config) {
        this.config = config.lockout();
    }

    /** Counts a failure on a factor the caller holds locked (SELECT … FOR UPDATE). */
    public void failed(Factor factor, Instant now) {
        factor.consecutiveFailures++;
        if (factor.consecutiveFailures >= config.threshold()) {
            factor.lockedUntil = now.plus(config.duration());
            factor.consecutiveFailures = 0;
            AUDIT.warnf("factor locked factor=%s sub=%s until=%s", factor.id, factor.sub, factor.lockedUntil);
        }
    }

    public void succeeded(Factor factor, Instant now) {
        factor.consecutiveFailures = 0;
        factor.lastUsedAt = now;
    }
}
