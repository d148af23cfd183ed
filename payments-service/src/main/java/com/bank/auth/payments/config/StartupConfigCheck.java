package com.bank.auth.payments.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.config.ConfigRules;
import com.bank.auth.common.config.InvalidConfigurationException;
import com.bank.auth.common.payment.PaymentRules;

import io.quarkus.runtime.Startup;

/** Refuses to start with step-up or SCA settings that would open or close the door wrongly. */
@Startup
@ApplicationScoped
public class StartupConfigCheck {

    /** RTS 2018/389 Art. 16: the most the low-value exemption may ever allow (EUR; other currencies are the bank's to convert). */
    private static final BigDecimal RTS_LOW_VALUE = new BigDecimal("30.00");
    private static final BigDecimal RTS_CUMULATIVE_AMOUNT = new BigDecimal("100.00");
    private static final int RTS_CUMULATIVE_COUNT = 5;

    StartupConfigCheck(StepUpTokenConfig stepUp, PaymentsConfig payments) {
        ConfigRules.baseUrl("bank.step-up.issuer", stepUp.issuer());
        ConfigRules.url("bank.step-up.jwks-url", stepUp.jwksUrl());
        ConfigRules.atMost("bank.step-up.max-lifetime", stepUp.maxLifetime(), "DESIGN 5: a step-up token lives at most 5 minutes", Duration.ofMinutes(5));
        for (Map.Entry<String, PaymentsConfig.Limits> entry : payments.sca().limits().entrySet()) {
            check(entry.getKey(), entry.getValue(), payments.maxAmount());
        }
    }

    private static void check(String currency, PaymentsConfig.Limits limits, BigDecimal maxAmount) {
        String prefix = "payments.sca.limits." + currency + ".";
        if (PaymentRules.currencyProblem(currency).isPresent() || !currency.equals(PaymentRules.normaliseCurrency(currency))) {
            throw new InvalidConfigurationException("payments.sca.limits." + currency, "must be named by an upper-case ISO 4217 code");
        }
        between(prefix + "high-value", limits.highValue(), BigDecimal.ZERO, maxAmount);
        between(prefix + "low-value", limits.lowValue(), BigDecimal.ZERO, limits.highValue());
        between(prefix + "cumulative-amount", limits.cumulativeAmount(), limits.lowValue(), limits.highValue());
        if (limits.cumulativeCount() < 0) {
            throw new InvalidConfigurationException(prefix + "cumulative-count", limits.cumulativeCount() + " must not be negative");
        }
        if ("EUR".equals(currency) && (limits.lowValue().compareTo(RTS_LOW_VALUE) > 0
                || limits.cumulativeAmount().compareTo(RTS_CUMULATIVE_AMOUNT) > 0 || limits.cumulativeCount() > RTS_CUMULATIVE_COUNT)) {
            // Looser than the RTS allows would make every exempt payment unlawful; stricter is the bank's choice.
            throw new InvalidConfigurationException(prefix + "*", "RTS Art. 16 allows at most 30.00 per payment, 100.00 or 5 payments in a row");
        }
    }

    private static void between(String key, BigDecimal value, BigDecimal min, BigDecimal max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidConfigurationException(key, value + " must be between " + min.toPlainString() + " and " + max.toPlainString());
        }
    }
}
