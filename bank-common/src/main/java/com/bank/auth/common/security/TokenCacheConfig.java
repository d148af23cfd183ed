package com.bank.auth.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The verified-token cache of a resource server ({@link CachingJwtParser}). */
@ConfigMapping(prefix = "bank.security.token-cache")
public interface TokenCacheConfig {

    /** Off: every request verifies its token in full (as smallrye-jwt alone does). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Upper bound of the cache's memory in bytes (an estimate: three times the token's length plus 512 per entry).
     * 16 MiB holds about 3,500 Keycloak access tokens, each for its remaining lifetime (at most two minutes).
     */
    @WithDefault("16777216")
    long maxBytes();
}
