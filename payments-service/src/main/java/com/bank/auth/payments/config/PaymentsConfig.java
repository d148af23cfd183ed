package com.bank.auth.payments.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of payments-service (DESIGN 5, 5a and 9). */
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

    /** Step-up (RFC 9470) rules of admin operations. */
    StepUp stepUp();

    /** Which payments need strong customer authentication (DESIGN 5a). */
    Sca sca();

    /** Trusted beneficiaries (DESIGN 5a, RTS Art. 13). */
    Beneficiaries beneficiaries();

    interface StepUp {

        /** How old an admin step-up may be; each one serves a single admin read or write. */
        @WithDefault("5M")
        Duration adminMaxAge();
    }

    interface Sca {

        /**
         * {@code psd2} (default): SCA on every payment unless an exemption of RTS 2018/389 applies (own accounts,
         * trusted beneficiaries, low value). {@code threshold}: seed 001's rule alone, SCA only above the currency's
         * {@code high-value} amount; for deployments outside PSD2 only.
         */
        @WithDefault("psd2")
        Policy policy();

        /**
         * Limits per ISO 4217 currency ({@code payments.sca.limits.EUR.high-value=10000.00}). A payment in a currency
         * without an entry here always needs SCA: no silent EUR assumption.
         */
        Map<String, Limits> limits();
    }

    enum Policy {
        PSD2, THRESHOLD
    }

    interface Limits {

        /** Above this amount a payment always needs SCA, whatever else applies (seed 001: 10,000.00). */
        BigDecimal highValue();

        /** RTS Art. 16(a): a payment up to this amount may be exempt as low value (30.00 EUR). */
        BigDecimal lowValue();

        /** RTS Art. 16(b): low-value payments since the last SCA may add up to this much, this one included (100.00 EUR). */
        BigDecimal cumulativeAmount();

        /** RTS Art. 16(c): at most this many low-value payments in a row without SCA, this one included (5). */
        int cumulativeCount();
    }

    interface Beneficiaries {

        /** Most trusted beneficiaries one customer may keep; one more is a 422. */
        @WithDefault("200")
        int maxPerOwner();
    }
}
