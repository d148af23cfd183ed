package com.bank.auth.payments.config;

import java.math.BigDecimal;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of payments-service (DESIGN 5 and 9). */
@ConfigMapping(prefix = "payments")
public interface PaymentsConfig {

    /** Largest amount one payment may carry, in the account's currency; larger is a 422. */
    @WithDefault("1000000.00")
    BigDecimal maxAmount();

    /**
     * LOCAL DEMO ONLY: create the demo users' accounts (1,000,000.00 EUR each) at start if they are missing. Off by
     * default; on in the dev, test and local profiles (./suite).
     */
    @WithDefault("false")
    boolean demoAccounts();

    /** Page size of {@code GET /payments} when the caller gives none, and the largest it may ask for. */
    @WithDefault("20")
    int defaultPageSize();

    @WithDefault("100")
    int maxPageSize();

    /** Step-up (RFC 9470) rules. */
    StepUp stepUp();

    interface StepUp {

        /** Payments above this amount need a step-up token bound to them (seed 001: 10,000.00). */
        @WithDefault("10000.00")
        BigDecimal threshold();

        /** How old an admin step-up may be for {@code GET /admin/payments}. */
        @WithDefault("5M")
        Duration adminMaxAge();
    }
}
