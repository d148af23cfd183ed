package com.bank.auth.payments.service;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.common.security.IssuerKeys;
import com.bank.auth.common.security.JoseHeader;
import com.bank.auth.common.security.PerKeySet;
import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.bank.auth.payments.config.StepUpTokenConfig;

/**
 * Step-up tokens from mfa-service (DESIGN 5), verified by bank-common's {@link StepUpTokenVerifier} against
 * mfa-service's JWKS with {@code aud: payments-api}: payment, beneficiary and admin approvals only (a factor-change approval is
 * issued to mfa-service and never verifies here). The keys come from an {@link IssuerKeys} of mfa-service's JWKS
 * (fetched in the background within 2 s; a key id it lacks, as after mfa-service starts with a new key, asks for a
 * fetch and waits for it at most 1 s), never from a fetch of the verifier's own (issue 23, item 4).
 */
@ApplicationScoped
public class StepUpVerifier {

    private final IssuerKeys mfaKeys;
    private final PerKeySet<StepUpTokenVerifier> verifiers;

    StepUpVerifier(StepUpTokenConfig config,
            @ConfigProperty(name = "bank.health.jwks-refresh-interval", defaultValue = "15S") Duration refreshInterval) {
        this.mfaKeys = new IssuerKeys(config.jwksUrl(), refreshInterval);
        this.verifiers = new PerKeySet<>(jwks -> StepUpTokenVerifier.fromJwks(jwks, config.issuer(), "payments-api",
                config.algorithms(), config.maxLifetime()));
    }

    /** A verified step-up for {@code sub} and {@code purpose}, or empty (absent, invalid, someone else's). */
    public Optional<JsonWebToken> verify(String token, String sub, String purpose) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        IssuerKeys.KeySet keys = mfaKeys.keySetWith(JoseHeader.of(token).kid(), IssuerKeys.UNKNOWN_KID_WAIT);
        if (keys == null) {
            return Optional.empty();   // mfa-service's keys could not be fetched: no approval can be checked (fail closed)
        }
        return verifiers.forKeys(keys).verify(token, sub, purpose);
    }

    /** True if the step-up was issued no longer than {@code maxAge} ago. */
    public static boolean issuedWithin(JsonWebToken jwt, Duration maxAge) {
        return StepUpTokenVerifier.issuedWithin(jwt, maxAge);
    }
}
