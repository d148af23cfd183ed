package com.bank.auth.mfa.sms;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.bank.auth.common.telemetry.OutboundCalls;
import com.bank.auth.mfa.config.MfaConfig;
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
                if (!outboxAllowed(ConfigUtils.getProfiles())) {
                    throw new IllegalStateException("mfa.sms.provider=outbox is for local runs and tests only (profiles "
                            + LOCAL_PROFILES + "); active profiles: " + ConfigUtils.getProfiles());
                }
                yield new OutboxSmsSender();
            }
            default -> throw new IllegalStateException("mfa.sms.provider must be http or outbox");
        };
    }

    static final Set<String> LOCAL_PROFILES = Set.of("dev", "test", "local");

    static boolean outboxAllowed(List<String> profiles) {
        return !profiles.isEmpty() && LOCAL_PROFILES.containsAll(profiles);
    }
}
