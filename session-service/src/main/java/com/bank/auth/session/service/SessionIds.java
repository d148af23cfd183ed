package com.bank.auth.session.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Session ids (secret, 256 bits), their SHA-256 hashes (what Redis sees) and public handles. */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** 32 bytes as unpadded base64url. */
    private static final Pattern ID_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private SessionIds() {
    }

    public static String newId() {
        return random(32);
    }

    /** Public name of a session, shown in "my sessions"; says nothing about the id. */
    public static String newHandle() {
        return random(16);
    }

    public static boolean looksLikeId(String candidate) {
        return candidate != null && ID_SHAPE.matcher(candidate).matches();
    }

    public static String hash(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return B64.encodeToString(buffer);
    }
}
