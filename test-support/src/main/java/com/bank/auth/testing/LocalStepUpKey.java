package com.bank.auth.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * LOCAL RUNS ONLY: prints a new step-up signing key for ./suite, as mfa-service reads it from
 * {@code mfa.step-up.signing-keys}: Base64 of a private EC P-256 JWK with a {@code kid}. ./suite keeps it in its state
 * folder, so every mfa-service replica signs with the same key and a restart keeps step-ups in flight valid (a random
 * key per process would make a payments-service that fetched one replica's JWKS refuse the other's tokens).
 * <p>
 * Only the JDK: ./suite runs it on test-support's classes without a classpath, as the OTLP collector stub.
 */
public final class LocalStepUpKey {

    private LocalStepUpKey() {
    }

    public static void main(String[] args) throws Exception {
        String kid = args.length > 0 ? args[0] : "local-1";
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = generator.generateKeyPair();
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
        String jwk = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"ES256\""
                + ",\"x\":\"" + coordinate(publicKey.getW().getAffineX()) + "\",\"y\":\"" + coordinate(publicKey.getW().getAffineY())
                + "\",\"d\":\"" + coordinate(privateKey.getS()) + "\"}";
        System.out.println(Base64.getEncoder().encodeToString(jwk.getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 7518 6.2.1.2: a P-256 coordinate is exactly 32 octets, base64url without padding. */
    private static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] octets = new byte[32];
        int copied = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copied, octets, 32 - copied, copied);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(octets);
    }
}
