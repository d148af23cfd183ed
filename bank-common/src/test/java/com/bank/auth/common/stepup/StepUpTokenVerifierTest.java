package com.bank.auth.common.stepup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;

/**
 * Each verifier checks against its own keys only. smallrye-jwt parsers made with {@code new DefaultJWTParser(info)}
 * share one token parser whose key resolver is built once, from whichever context came first: two verifiers with
 * different keys in one service (mfa-service: the realm's for user tokens, its own for factor changes) then verified
 * one of them against the other's keys (issue 23, item 4).
 */
class StepUpTokenVerifierTest {

    private static final String ISSUER = "https://mfa.bank.example";
    private static final String SUB = "user-1";

    @Test
    void twoVerifiersWithKeysOfTheirOwnEachAcceptTheirOwnTokensOnly() throws Exception {
        EllipticCurveJsonWebKey a = key("a");
        EllipticCurveJsonWebKey b = key("b");
        StepUpTokenVerifier byA = StepUpTokenVerifier.fromJwks(jwks(a), ISSUER, "payments-api", Set.of("ES256"), Duration.ofMinutes(5));
        StepUpTokenVerifier byB = StepUpTokenVerifier.fromJwks(jwks(b), ISSUER, "payments-api", Set.of("ES256"), Duration.ofMinutes(5));
        assertTrue(byA.verify(sign(a), SUB, "payment").isPresent(), "A's token with A's keys");
        assertTrue(byB.verify(sign(b), SUB, "payment").isPresent(), "B's token with B's keys");
        assertFalse(byA.verify(sign(b), SUB, "payment").isPresent(), "B's token is nothing to A");
        assertFalse(byB.verify(sign(a), SUB, "payment").isPresent(), "A's token is nothing to B");
    }

    private static EllipticCurveJsonWebKey key(String kid) throws Exception {
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId(kid);
        return key;
    }

    private static String jwks(EllipticCurveJsonWebKey key) {
        return "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
    }

    private static String sign(EllipticCurveJsonWebKey key) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience("payments-api");
        claims.setSubject(SUB);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(4);
        claims.setClaim("acr", StepUpTokenVerifier.ACR_MFA);
        claims.setClaim("purpose", "payment");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", StepUpTokenVerifier.TYPE);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return jws.getCompactSerialization();
    }
}
