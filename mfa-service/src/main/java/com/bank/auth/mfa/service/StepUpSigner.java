package com.bank.auth.mfa.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.bank.auth.mfa.config.MfaConfig;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs step-up tokens (DESIGN 5: ES256, {@code typ: step-up+jwt}; {@code aud} the service that acts on the purpose) with smallrye-jwt-build, and publishes the public
 * half of every configured key as the JWKS payments-service verifies against.
 */
@Startup
@ApplicationScoped
public class StepUpSigner {

    public record SignedStepUp(String token, Instant expiresAt, String jti) {
    }

    private final Map<String, PublicJsonWebKey> keys = new LinkedHashMap<>();
    private final String activeKeyId;
    private final String jwks;
    private final MfaConfig.StepUp config;

    StepUpSigner(MfaConfig mfa) {
        this.config = mfa.stepUp();
        if (config.signingKeys().isPresent() && !config.signingKeys().get().isEmpty()) {
            for (String entry : config.signingKeys().get()) {
                PublicJsonWebKey key = privateJwk(entry.trim());
                keys.put(key.getKeyId(), key);
            }
            activeKeyId = config.activeKeyId().orElseThrow(() -> new IllegalStateException("mfa.step-up.active-key-id is required"));
            if (!keys.containsKey(activeKeyId)) {
                throw new IllegalStateException("mfa.step-up.active-key-id is not the kid of any mfa.step-up.signing-keys entry");
            }
        } else if (config.allowEphemeralKey()) {
            Logger.getLogger(StepUpSigner.class).warn("No mfa.step-up.signing-keys: signing with a random key for this run only");
            PublicJsonWebKey key = generate("ephemeral-" + UUID.randomUUID());
            activeKeyId = key.getKeyId();
            keys.put(activeKeyId, key);
        } else {
            throw new IllegalStateException("No step-up signing key: set mfa.step-up.signing-keys and mfa.step-up.active-key-id");
        }
        this.jwks = keys.values().stream().map(k -> k.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    public SignedStepUp sign(String sub, String purpose, String txn, List<String> amr) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.lifetime());
        String jti = UUID.randomUUID().toString();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(config.issuer()).audience(StepUpTokenVerifier.audienceOf(purpose)).subject(sub)
                .claim("acr", StepUpTokenVerifier.ACR_MFA).claim("amr", amr).claim("auth_time", now.getEpochSecond())
                .issuedAt(now).expiresAt(expiresAt).claim("jti", jti).claim("purpose", purpose);
        if (txn != null) {
            claims.claim("txn", txn);
        }
        String token = claims.jws().algorithm(SignatureAlgorithm.ES256).keyId(activeKeyId).header("typ", StepUpTokenVerifier.TYPE)
                .sign(keys.get(activeKeyId).getPrivateKey());
        return new SignedStepUp(token, expiresAt, jti);
    }

    /** {@code {"keys":[…]}} with the public halves only: the active key and the still-valid previous ones. */
    public String jwks() {
        return jwks;
    }

    /** One configured key: Base64 of a private EC P-256 JWK with a {@code kid} (Base64 keeps commas out of the list). */
    static PublicJsonWebKey privateJwk(String base64) {
        try {
            String json = new String(Base64.getMimeDecoder().decode(base64.replace('-', '+').replace('_', '/')), StandardCharsets.UTF_8);
            PublicJsonWebKey key = PublicJsonWebKey.Factory.newPublicJwk(json);
            if (!(key instanceof EllipticCurveJsonWebKey ec) || !EllipticCurves.P256.getCurve().equals(ec.getECPublicKey().getParams().getCurve())
                    || key.getPrivateKey() == null || key.getKeyId() == null) {
                throw new IllegalStateException("must be a private EC P-256 JWK with a kid");
            }
            return key;
        } catch (JoseException | IllegalArgumentException e) {
            throw new IllegalStateException("a mfa.step-up.signing-keys entry is not Base64 of a private EC P-256 JWK");
        }
    }

    static PublicJsonWebKey generate(String kid) {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(kid);
            key.setUse("sig");
            key.setAlgorithm("ES256");
            return key;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
