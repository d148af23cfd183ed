package com.bank.auth.payments.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import com.bank.auth.payments.config.StepUpTokenConfig;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies step-up tokens from mfa-service (DESIGN 5) with smallrye-jwt, configured apart from the access-token
 * validation: mfa-service's JWKS, its issuer, {@code aud: payments-api}, ES256/PS256 only, at most 5 minutes of
 * lifetime. On top: header {@code typ: step-up+jwt}, {@code acr}, the caller's {@code sub} and the purpose.
 * Binding ({@code txn}) and single use ({@code jti}) are the caller's to check against its own request.
 */
@ApplicationScoped
public class StepUpVerifier {

    private static final Logger AUDIT = Logger.getLogger("audit");
    private static final String TYPE = "step-up+jwt";

    private final JWTParser parser;

    StepUpVerifier(StepUpTokenConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(config.jwksUrl(), config.issuer());
        info.setExpectedAudience(Set.of("payments-api"));
        info.setSignatureAlgorithm(config.algorithms().stream().map(SignatureAlgorithm::fromAlgorithm).collect(Collectors.toSet()));
        info.setMaxTimeToLiveSecs(config.maxLifetime().toSeconds());
        info.setClockSkew(30);
        info.setRequiredClaims(Set.of("sub", "jti", "iat", "exp", "acr", "purpose"));
        this.parser = new DefaultJWTParser(info);
    }

    /** A verified step-up for {@code sub} and {@code purpose}, or empty (absent, invalid, someone else's). */
    public java.util.Optional<JsonWebToken> verify(String token, String sub, String purpose) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            return java.util.Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            if (TYPE.equals(headerType(token))
                    && StepUpRequiredException.ACR_MFA.equals(jwt.getClaim("acr"))
                    && sub.equals(jwt.getSubject())
                    && purpose.equals(jwt.getClaim("purpose"))) {
                return java.util.Optional.of(jwt);
            }
            AUDIT.infof("step-up token refused: type, acr, subject or purpose do not match");
        } catch (ParseException e) {
            AUDIT.infof("step-up token refused: %s", e.getClass().getSimpleName());
        }
        return java.util.Optional.empty();
    }

    /** True if the step-up was issued no longer than {@code maxAge} ago. */
    public static boolean issuedWithin(JsonWebToken jwt, Duration maxAge) {
        return Instant.ofEpochSecond(jwt.getIssuedAtTime()).plus(maxAge).isAfter(Instant.now());
    }

    private static String headerType(String token) {
        try {
            return JsonWebStructure.fromCompactSerialization(token).getHeader("typ");
        } catch (JoseException e) {
            return null;
        }
    }
}
