package com.bank.auth.mfa.letters;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.bank.auth.common.telemetry.OutboundCalls;
import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.delivery.LocalOutboxes;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Chooses the letter adapter by {@code mfa.letters.provider}. The outbox shows activation codes to whoever holds the
 * session, so, exactly like the SMS outbox, it exists only when configured and every active profile is dev, test or
 * local; anywhere else the service refuses to start.
 */
@ApplicationScoped
public class LetterSenderProducer {

    @Produces
    @Singleton
    LetterSender letterSender(MfaConfig config, ObjectMapper json, OutboundCalls outbound) {
        return switch (config.letters().provider()) {
            case "http" -> new HttpLetterSender(config.letters(), json, outbound);
            case "outbox" -> {
                LocalOutboxes.require("mfa.letters.provider", ConfigUtils.getProfiles());
                yield new OutboxLetterSender();
            }
            default -> throw new IllegalStateException("mfa.letters.provider must be http or outbox");
        };
    }
}
