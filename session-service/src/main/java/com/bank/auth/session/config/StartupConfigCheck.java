package com.bank.auth.session.config;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.config.ConfigRules;
import com.bank.auth.common.config.InvalidConfigurationException;

import io.quarkus.runtime.Startup;

/** Refuses to start with session timeouts that contradict each other (keys are checked where they are loaded). */
@Startup
@ApplicationScoped
public class StartupConfigCheck {

    StartupConfigCheck(SessionConfig config) {
        ConfigRules.positive("bank.sessions.refresh-lease-ttl", config.refreshLeaseTtl());
        ConfigRules.below("bank.sessions.idle-timeout", config.idleTimeout(), "bank.sessions.absolute-timeout", config.absoluteTimeout());
        ConfigRules.below("bank.sessions.absolute-timeout", config.absoluteTimeout(), "bank.sessions.tombstone-ttl", config.tombstoneTtl());
        String clientType = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.redis.client-type", String.class).orElse("standalone");
        if ("cluster".equalsIgnoreCase(clientType) && config.untaggedIds() != SessionConfig.UntaggedIds.REFUSE) {
            // An untagged session's keys hash to different slots: every script on it would fail with CROSSSLOT.
            throw new InvalidConfigurationException("bank.sessions.untagged-ids", config.untaggedIds().name().toLowerCase()
                    + " cannot work with quarkus.redis.client-type=cluster: set refuse");
        }
        if (config.maxPerUser() < 1) {
            throw new InvalidConfigurationException("bank.sessions.max-per-user", config.maxPerUser() + " must be at least 1");
        }
    }
}
