package com.bank.auth.session.service;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import com.bank.auth.common.session.SessionIdHash;

/**
 * Session ids (secret, 256 bits, after their user's hash tag: {@code <tag>.<43 base64url>}), their SHA-256 hashes (what
 * Redis sees) and public handles. The tag ({@link SessionKeys#tagOf}) names the user's Redis Cluster slot, nothing
 * secret: 4 hex digits that 1 in 65,536 of all users share.
 */
public final class SessionIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** A tag, then 32 bytes as unpadded base64url; or, from before tags, the 32 bytes alone. */
    private static final Pattern ID_SHAPE = Pattern.compile("([0-9a-f]{4}\\.)?[A-Za-z0-9_-]{43}");

    private SessionIds() {
    }

    /** A new id for a session of the user with {@code tag}; with the empty tag, an id of the shape from before tags. */
    public static String newId(String tag) {
        return tag.isEmpty() ? random(32) : tag + "." + random(32);
    }

    /** The user's tag an id carries; empty for an id from before tags. */
    public static String tagOf(String sessionId) {
        return sessionId.length() == 48 && sessionId.charAt(4) == '.' ? sessionId.substring(0, 4) : "";
    }

    /** Public name of a session, shown in "my sessions"; says nothing about the id. */
    public static String newHandle() {
        return random(16);
    }

    public static boolean looksLikeId(String candidate) {
        return candidate != null && ID_SHAPE.matcher(candidate).matches();
    }

    /** An id of the current shape (with its user's tag). */
    public static boolean isTagged(String sessionId) {
        return looksLikeId(sessionId) && !tagOf(sessionId).isEmpty();
    }

    /** What Redis and the change stream name the session by ({@link SessionIdHash}, shared with the BFF). */
    public static String hash(String sessionId) {
        return SessionIdHash.of(sessionId);
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return B64.encodeToString(buffer);
    }
}
