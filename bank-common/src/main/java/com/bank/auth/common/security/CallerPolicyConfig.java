package com.bank.auth.common.security;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

/** Which calling clients a service trusts with the scopes in their tokens. */
@ConfigMapping(prefix = "bank.security")
public interface CallerPolicyConfig {

    /**
     * Client ids ({@code azp} claim) whose token scopes are honoured. Unset: every client validated by the
     * JWT settings (issuer, audience, algorithm) is taken at its scopes. Session and mfa service set {@code bank-bff}.
     */
    Optional<Set<String>> allowedCallers();
}
