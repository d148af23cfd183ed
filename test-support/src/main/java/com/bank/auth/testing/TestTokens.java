package com.bank.auth.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Tokens signed with {@link LocalIssuer}'s keys (smallrye-jwt-build). Defaults make a valid user access token
 * for payments-service; tests change one thing at a time.
 */
public final class TestTokens {

    public static final String ALICE = "6f1c2a52-6d0b-4a3e-9f43-0a11ce000001";
    public static final String BOB = "6f1c2a52-6d0b-4a3e-9f43-0b0b00000002";
    public static final String CAROL = "6f1c2a52-6d0b-4a3e-9f43-0ca401000003";

    private TestTokens() {
    }

    /** Claims of a valid user access token (aud payments-api, role USER, 120 s, a Keycloak user session's {@code sid}). */
    public static JwtClaimsBuilder userClaims(String sub, String... roles) {
        Instant now = Instant.now();
        return Jwt.claims()
                .issuer(LocalIssuer.REALM_ISSUER)
                .subject(sub)
                .audience("payments-api")
                .claim("azp", "bank-bff")
                .claim("scope", "openid profile email payments")
                .claim("sid", UUID.randomUUID().toString())
                .claim("realm_access", Map.of("roles", roles.length == 0 ? List.of("USER") : List.of(roles)))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(120))
                .claim("jti", UUID.randomUUID().toString());
    }

    /** Signs PS256 with the realm's current key, header {@code typ: at+jwt}. */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.PS256).keyId(LocalIssuer.get().realmKey().getKeyId())
                .header("typ", "at+jwt").sign(LocalIssuer.get().realmKey().getPrivateKey());
    }

    public static String user(String sub, String... roles) {
        return sign(userClaims(sub, roles));
    }

    /** A user access token of someone who signed in at {@code authTime} (claim {@code auth_time}). */
    public static String userSignedInAt(String sub, Instant authTime) {
        return sign(userClaims(sub).claim("auth_time", authTime.getEpochSecond()));
    }

    /** A valid step-up token from "mfa-service" (ES256, typ step-up+jwt) for {@code sub}. */
    public static JwtClaimsBuilder stepUpClaims(String sub, String purpose, String txn) {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(LocalIssuer.MFA_ISSUER)
                .subject(sub)
                .audience("payments-api")
                .claim("acr", "urn:bank:acr:mfa")
                .claim("amr", List.of("otp"))
                .claim("auth_time", now.getEpochSecond())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300))
                .claim("jti", UUID.randomUUID().toString())
                .claim("purpose", purpose);
        return txn == null ? claims : claims.claim("txn", txn);
    }

    public static String signStepUp(JwtClaimsBuilder claims) {
        return claims.jws().algorithm(SignatureAlgorithm.ES256).keyId(LocalIssuer.get().mfaKey().getKeyId())
                .header("typ", "step-up+jwt").sign(LocalIssuer.get().mfaKey().getPrivateKey());
    }
}
