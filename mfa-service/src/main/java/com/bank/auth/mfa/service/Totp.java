package com.bank.auth.mfa.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * RFC 6238 TOTP with java-otp (which implements RFC 4226/6238): a code is the HOTP of the time step. Verification accepts
 * the current step and one either side, and says which step matched so the caller can refuse replays.
 */
public final class Totp {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String algorithm;
    private final int digits;
    private final Duration period;
    private final TimeBasedOneTimePasswordGenerator generator;

    public Totp(String algorithm, int digits, Duration period) {
        this.algorithm = algorithm.toUpperCase(Locale.ROOT);
        if (!this.algorithm.matches("SHA1|SHA256|SHA512") || (digits != 6 && digits != 8) || period.toSeconds() < 1) {
            throw new IllegalArgumentException("TOTP needs SHA1/SHA256/SHA512, 6 or 8 digits and a period of seconds");
        }
        this.digits = digits;
        this.period = period;
        this.generator = new TimeBasedOneTimePasswordGenerator(period, digits, "Hmac" + this.algorithm);
    }

    /** A new secret of the hash's output size (RFC 4226 asks for at least 160 bits; RFC 6238 uses these sizes). */
    public byte[] newSecret() {
        byte[] secret = new byte[switch (algorithm) {
            case "SHA256" -> 32;
            case "SHA512" -> 64;
            default -> 20;
        }];
        RANDOM.nextBytes(secret);
        return secret;
    }

    public long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), period.toSeconds());
    }

    /** The code of {@code step} (RFC 4226 HOTP with counter = step), zero-padded. */
    public String code(byte[] secret, long step) {
        try {
            Instant stepStart = Instant.ofEpochSecond(Math.multiplyExact(step, period.toSeconds()));
            return String.format("%0" + digits + "d", generator.generateOneTimePassword(key(secret), stepStart));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("unusable TOTP secret", e);
        }
    }

    /** The step {@code code} belongs to (now, or one step either side), compared in constant time. */
    public OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        if (code == null || !code.matches("[0-9]{" + digits + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        long matched = -1;
        for (long step = current - 1; step <= current + 1; step++) {
            // No early exit: every candidate is computed, so timing says nothing about which one matched.
            if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))) {
                matched = step;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /** Key URI for authenticator apps (Google Authenticator's format): Base32 secret without padding. */
    public String otpauthUri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=" + algorithm + "&digits=" + digits + "&period=" + period.toSeconds();
    }

    public static String base32(byte[] secret) {
        return new Base32().encodeAsString(secret).replace("=", "");
    }

    public String algorithm() {
        return algorithm;
    }

    public int digits() {
        return digits;
    }

    public Duration period() {
        return period;
    }

    private SecretKeySpec key(byte[] secret) {
        return new SecretKeySpec(secret, "Hmac" + algorithm);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
