package com.bank.auth.payments.service;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.bank.auth.payments.config.StepUpTokenConfig;

/**
 * Step-up tokens from mfa-service (DESIGN 5), verified by bank-common's {@link StepUpTokenVerifier} against
 * mfa-service's JWKS with {@code aud: payments-api}: payment, beneficiary and admin approvals only (a factor-change approval is
 * issued to mfa-service and never verifies here).
 */
@ApplicationScoped
public class StepUpVerifier {

    private final StepUpTokenVerifier verifier;

    StepUpVerifier(StepUpTokenConfig config) {
        this.verifier = StepUpTokenVerifier.fromJwksUrl(config.jwksUrl(), config.issuer(), "payments-api", config.algorithms(),
                config.maxLifetime());
    }

    /** A verified step-up for {@code sub} and {@code purpose}, or empty (absent, invalid, someone else's). */
    public Optional<JsonWebToken> verify(String token, String sub, String purpose) {
        return verifier.verify(token, sub, purpose);
    }

    /** True if the step-up was issued no longer than {@code maxAge} ago. */
    public static boolean issuedWithin(JsonWebToken jwt, Duration maxAge) {
        return StepUpTokenVerifier.issuedWithin(jwt, maxAge);
    }
}
