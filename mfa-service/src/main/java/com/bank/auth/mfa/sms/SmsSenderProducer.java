package com.bank.auth.mfa.sms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.bank.auth.common.telemetry.OutboundCalls;
import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.delivery.LocalOutboxes;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Chooses the SMS adapter by {@code mfa.sms.provider}. The outbox hands SMS codes to whoever holds the session, so it
 * exists only when explicitly configured and only when every active profile is dev, test or local: with
 * {@code prod}, {@code prod,k8s} or {@code staging} the service refuses to start.
 */
@ApplicationScoped
public class SmsSenderProducer {

    /** A singleton, not a proxy: the outbox endpoint needs to see the real implementation. */
    @Produces
    @Singleton
    SmsSender smsSender(MfaConfig config, ObjectMapper json, OutboundCalls outbound) {
        return switch (config.sms().provider()) {
            case "http" -> new HttpSmsSender(config.sms(), json, outbound);
            case "outbox" -> {
                LocalOutboxes.require("mfa.sms.provider", ConfigUtils.getProfiles());
                yield new OutboxSmsSender();
            }
            default -> throw new IllegalStateException("mfa.sms.provider must be http or outbox");
        };
    }
}
