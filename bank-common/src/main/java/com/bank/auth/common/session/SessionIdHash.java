package com.bank.auth.common.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one name of a session that may leave session-service: SHA-256 of its id, in hex. Redis keys sessions by it (a
 * dump yields no usable cookie), the change stream names sessions by it, and the BFF's near-cache keys its entries by
 * it, so an event and an entry meet without the id itself ever being sent or kept in memory twice.
 */
public final class SessionIdHash {

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    private SessionIdHash() {
    }

    public static String of(String sessionId) {
        return HexFormat.of().formatHex(SHA_256.get().digest(sessionId.getBytes(StandardCharsets.US_ASCII)));
    }
}
