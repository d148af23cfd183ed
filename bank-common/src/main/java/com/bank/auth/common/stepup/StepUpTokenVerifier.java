package com.bank.auth.common.stepup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.security.JoseHeader;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;

/**
 * The one verification of mfa-service's step-up tokens (DESIGN 5), with smallrye-jwt: signature against mfa-service's
 * keys, {@code iss}, {@code aud}, ES256/PS256 only, a bounded lifetime; then header {@code typ: step-up+jwt},
 * {@code acr}, the caller's {@code sub} and exactly the expected {@code purpose}. A token serves only the purpose it
 * names. Binding ({@code txn}) and single use ({@code jti}) are the caller's to check against its own request.
 */
public final class StepUpTokenVerifier {

    public static final String TYPE = "step-up+jwt";
    public static final String ACR_MFA = "urn:bank:acr:mfa";

    /** Purposes (DESIGN 5) and the audience of each: the service that acts on the approval. */
    public static final String PAYMENT = "payment";
    public static final String ADMIN = "admin";
    public static final String FACTOR_CHANGE = "factor-change";
    /** Trusting a beneficiary (DESIGN 5a, RTS Art. 13): bound to its IBAN and the request's Idempotency-Key. */
    public static final String BENEFICIARY = "beneficiary";
    /** Sign-in SCA when the last one is old (DESIGN 5a, RTS Art. 10a): the BFF acts on it, nobody else. */
    public static final String LOGIN = "login";
    public static final Set<String> PURPOSES = Set.of(PAYMENT, BENEFICIARY, ADMIN, FACTOR_CHANGE, LOGIN);

    private final JWTParser parser;

    private StepUpTokenVerifier(JWTAuthContextInfo info, String audience, Set<String> algorithms, Duration maxLifetime) {
        info.setExpectedAudience(Set.of(audience));
        info.setSignatureAlgorithm(algorithms.stream().map(SignatureAlgorithm::fromAlgorithm).collect(Collectors.toSet()));
        info.setMaxTimeToLiveSecs(maxLifetime.toSeconds());
        info.setClockSkew(30);
        info.setRequiredClaims(Set.of("sub", "jti", "iat", "exp", "acr", "purpose"));
        this.parser = new DefaultJWTParser(info);
    }

    /**
     * Keys given as JWKS text: mfa-service verifying what it signed itself, and payments-service with the key set its
     * {@link com.bank.auth.common.security.IssuerKeys} fetched from mfa-service (never a fetch of its own).
     */
    public static StepUpTokenVerifier fromJwks(String jwks, String issuer, String audience, Set<String> algorithms,
            Duration maxLifetime) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(jwks);
        info.setIssuedBy(issuer);
        return new StepUpTokenVerifier(info, audience, algorithms, maxLifetime);
    }

    /**
     * The audience a step-up of {@code purpose} is issued for: payments-service, mfa-service for factor changes, the BFF
     * for a sign-in SCA (so that no other service ever accepts one).
     */
    public static String audienceOf(String purpose) {
        return switch (purpose) {
            case FACTOR_CHANGE -> "mfa-service";
            case LOGIN -> "bank-bff";
            default -> "payments-api";
        };
    }

    /** A verified step-up for {@code sub} and {@code purpose}, or empty (absent, invalid, someone else's, another purpose). */
    public Optional<JsonWebToken> verify(String token, String sub, String purpose) {
        if (token == null || token.isBlank() || token.length() > 8192 || sub == null) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.parse(token);
            if (TYPE.equals(JoseHeader.of(token).type()) && ACR_MFA.equals(jwt.getClaim("acr")) && sub.equals(jwt.getSubject())
                    && purpose.equals(jwt.getClaim("purpose"))) {
                return Optional.of(jwt);
            }
            Audit.event(AuditEvent.STEP_UP_REFUSED, Outcome.FAILURE, sub, Map.of("purpose", purpose, "reason", "type, acr, subject or purpose do not match"));
        } catch (ParseException e) {
            Audit.event(AuditEvent.STEP_UP_REFUSED, Outcome.FAILURE, sub, Map.of("purpose", purpose, "reason", e.getClass().getSimpleName()));
        }
        return Optional.empty();
    }

    /** True if the step-up was issued no longer than {@code maxAge} ago. */
    public static boolean issuedWithin(JsonWebToken jwt, Duration maxAge) {
        return Instant.ofEpochSecond(jwt.getIssuedAtTime()).plus(maxAge).isAfter(Instant.now());
    }
}
