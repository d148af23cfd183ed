package com.bank.auth.mfa.sms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.bank.auth.mfa.config.MfaConfig;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.ConfigUtils;

/** Chooses the SMS adapter by {@code mfa.sms.provider}; the outbox is refused in the prod profile. */
@ApplicationScoped
public class SmsSenderProducer {

    /** A singleton, not a proxy: the outbox endpoint needs to see the real implementation. */
    @Produces
    @Singleton
    SmsSender smsSender(MfaConfig config, ObjectMapper json) {
        return switch (config.sms().provider()) {
            case "http" -> new HttpSmsSender(config.sms(), json);
            case "outbox" -> {
                if (isProdOnly()) {
                    throw new IllegalStateException("mfa.sms.provider=outbox is for local runs and tests, not the prod profile");
                }
                yield new OutboxSmsSender();
            }
            default -> throw new IllegalStateException("mfa.sms.provider must be http or outbox");
        };
    }

    static boolean isProdOnly() {
        var profiles = ConfigUtils.getProfiles();
        return profiles.contains("prod") && profiles.size() == 1;
    }
}
