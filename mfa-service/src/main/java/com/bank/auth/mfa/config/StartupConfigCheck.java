package com.bank.auth.mfa.config;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.config.ConfigRules;
import com.bank.auth.common.config.InvalidConfigurationException;

import io.quarkus.runtime.Startup;

/** Refuses to start with step-up and SMS settings that would fail later (keys are checked where they are loaded). */
@Startup
@ApplicationScoped
public class StartupConfigCheck {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(StartupConfigCheck.class);

    StartupConfigCheck(MfaConfig config) {
        // payments-service compares iss with its bank.step-up.issuer: the same string, no trailing slash.
        ConfigRules.baseUrl("mfa.step-up.issuer", config.stepUp().issuer());
        ConfigRules.atMost("mfa.step-up.lifetime", config.stepUp().lifetime(), "DESIGN 5: a step-up token lives at most 5 minutes", Duration.ofMinutes(5));
        ConfigRules.atMost("mfa.enrolment.max-proof-age", config.enrolment().maxProofAge(),
                "DESIGN 5: a factor change needs a login or a step-up of the last 5 minutes", Duration.ofMinutes(5));
        ConfigRules.atMost("mfa.enrolment.clock-skew", config.enrolment().clockSkew(), "a clock skew, not a validity", Duration.ofMinutes(1));
        config.passkey().origin().ifPresentOrElse(origin -> {
            ConfigRules.origin("mfa.passkey.origin", origin);
            String host = java.net.URI.create(origin).getHost();
            String rpId = config.passkey().rpId().orElse(host);
            // WebAuthn: the RP id is the origin's host or a registrable suffix of it; browsers refuse anything else.
            if (!host.equals(rpId) && !host.endsWith("." + rpId)) {
                throw new InvalidConfigurationException("mfa.passkey.rp-id", "'" + rpId
                        + "' is neither the host of mfa.passkey.origin nor a suffix of it: browsers refuse such passkeys");
            }
        }, () -> LOG.warn("mfa.passkey.origin is not set: passkeys cannot be added (set it to the web app's origin, the BFF's publicUrl)"));
        if ("http".equals(config.sms().provider())) {
            ConfigRules.url("mfa.sms.http-url", config.sms().httpUrl().orElse(""));
            ConfigRules.timeBudget("mfa.sms.http-connect-timeout", config.sms().httpConnectTimeout(), "mfa.sms.http-read-timeout",
                    config.sms().httpReadTimeout());
            // Budgets nest (DESIGN 8): the text is sent, or given up, while the BFF still waits for this answer.
            ConfigRules.nested("mfa.sms.http-connect-timeout + mfa.sms.http-read-timeout",
                    config.sms().httpConnectTimeout().plus(config.sms().httpReadTimeout()), java.time.Duration.ofSeconds(1),
                    "mfa.caller-budget", config.callerBudget());
        }
    }
}
