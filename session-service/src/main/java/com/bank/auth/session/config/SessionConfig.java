package com.bank.auth.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the session store (DESIGN 4). */
@ConfigMapping(prefix = "bank.sessions")
public interface SessionConfig {

    /** Prefix of every Redis key this service writes; tests use their own so they never touch live data. */
    @WithDefault("bank:")
    String keyPrefix();
}
