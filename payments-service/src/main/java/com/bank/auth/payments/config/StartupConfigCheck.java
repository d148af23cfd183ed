package com.bank.auth.payments.config;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.config.ConfigRules;
import com.bank.auth.common.config.InvalidConfigurationException;

import io.quarkus.runtime.Startup;

/** Refuses to start with step-up settings that would open or close the door wrongly. */
@Startup
@ApplicationScoped
public class StartupConfigCheck {

    StartupConfigCheck(StepUpTokenConfig stepUp, PaymentsConfig payments) {
        ConfigRules.baseUrl("bank.step-up.issuer", stepUp.issuer());
        ConfigRules.url("bank.step-up.jwks-url", stepUp.jwksUrl());
        ConfigRules.atMost("bank.step-up.max-lifetime", stepUp.maxLifetime(), "DESIGN 5: a step-up token lives at most 5 minutes", Duration.ofMinutes(5));
        if (payments.stepUp().threshold().signum() < 0 || payments.stepUp().threshold().compareTo(payments.maxAmount()) > 0) {
            throw new InvalidConfigurationException("payments.step-up.threshold",
                    payments.stepUp().threshold() + " must be between 0 and payments.max-amount (" + payments.maxAmount() + ")");
        }
    }
}
