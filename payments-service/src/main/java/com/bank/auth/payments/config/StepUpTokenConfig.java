package com.bank.auth.payments.config;

import java.time.Duration;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where step-up tokens come from: mfa-service, its JWKS and its algorithms (DESIGN 5). */
@ConfigMapping(prefix = "bank.step-up")
public interface StepUpTokenConfig {

    /** Expected {@code iss} of step-up tokens: mfa-service's issuer. */
    String issuer();

    /** mfa-service's JWKS ({@code /.well-known/jwks.json}); keys come only from here. */
    String jwksUrl();

    /** Accepted signature algorithms; never {@code none}, never HS*. */
    @WithDefault("ES256,PS256")
    Set<String> algorithms();

    /** Longest lifetime ({@code exp - iat}) a step-up token may have. */
    @WithDefault("5M")
    Duration maxLifetime();
}
