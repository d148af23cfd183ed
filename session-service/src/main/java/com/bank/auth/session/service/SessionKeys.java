package com.bank.auth.session.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.session.config.SessionConfig;

/**
 * The Redis key layout, in one place (DESIGN 4). Sessions are keyed by the SHA-256 of their id (hex), never the id
 * itself, so a Redis dump yields no usable cookie.
 * <p>
 * Redis Cluster: everything of one user lives in one hash slot, under the user's tag {@code {t}} (4 hex digits of
 * SHA-256 of the {@code sub}): their sessions, tombstones, leases, step-ups, the index of their sessions and of their
 * Keycloak sessions. A session id carries its user's tag ({@link SessionIds}), so a lookup by id alone finds the slot,
 * and every script stays inside one slot. What spans users has keys of its own, outside any user's slot: a Keycloak
 * {@code sid}'s tag (for a back-channel logout that names only the {@code sid}), logout-token jtis, rate-limit windows.
 * The Lua scripts name the keys they discover the same way ({@code key(kind, id)} = {@link UserSlot#key}).
 */
@ApplicationScoped
public class SessionKeys {

    private final String prefix;

    SessionKeys(SessionConfig config) {
        this.prefix = config.keyPrefix();
    }

    public String prefix() {
        return prefix;
    }

    /** The user's hash tag: 4 hex digits of SHA-256 of the {@code sub} (65,536 tags spread users over all 16,384 slots). */
    public static String tagOf(String sub) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sub.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The keys of the user with tag {@code tag}; the empty tag is the layout before tags (one Redis only). */
    public UserSlot slot(String tag) {
        return new UserSlot(tag.isEmpty() ? prefix : prefix + "{" + tag + "}");
    }

    /** The keys of the user of session {@code sessionId} (its tag, or the untagged layout for an id from before tags). */
    public UserSlot slotOfSession(String sessionId) {
        return slot(SessionIds.tagOf(sessionId));
    }

    /** The tag of the user a Keycloak session belongs to (outside any user's slot: the logout may name only the sid). */
    public String idpSessionTag(String sid) {
        return prefix + "sid-tag:" + sid;
    }

    /** A logout token's jti, once used. */
    public String logoutTokenJti(String jtiHash) {
        return prefix + "logout-jti:" + jtiHash;
    }

    /** The counter of one abuse limit's window for one key (DESIGN 8). */
    public String rateLimit(String name, String key) {
        return prefix + "rl:" + name + ":" + key;
    }

    /**
     * The change stream's channel (DESIGN 3): {@code s:<hash>} when a session ended, rotated, had its tokens refreshed,
     * its lease given back or a step-up entry changed; {@code u:<sub>} when a user's sessions were ended; {@code hb:<replica>}
     * each second from every replica of this service. Outside any user's slot (a classic channel, which a Redis Cluster
     * forwards to every node). The scripts name it the same way: their key base without its tag.
     */
    public String sessionChanges() {
        return prefix + "session-changes";
    }

    /** The keys of one user, all in one hash slot: {@code <prefix>{<tag>}<kind>:<id>}. */
    public record UserSlot(String base) {

        /** The one naming rule; the scripts' {@code key(kind, id)} is the same. */
        public String key(String kind, String id) {
            return base + kind + ":" + id;
        }

        /** Hash with one live session's fields; its TTL is the time the session has left. */
        public String session(String sessionHash) {
            return key("session", sessionHash);
        }

        /** Every id ever issued: {@code live:<absoluteExpiresAtMs>} or the tombstone {@code ended:<reason>:<timeMs>}. */
        public String id(String sessionHash) {
            return key("id", sessionHash);
        }

        /** Sorted set of a user's live session hashes, scored by creation time. */
        public String userSessions(String sub) {
            return key("user", sub);
        }

        /** Set of session hashes created under one Keycloak session ({@code sid}), for back-channel logout. */
        public String idpSession(String sid) {
            return key("sid", sid);
        }

        /** The refresh lease of one session. */
        public String lease(String sessionHash) {
            return key("lease", sessionHash);
        }

        /** A rotation's new id, kept for its retry (issue 23). */
        public String rotation(String sessionHash) {
            return key("rotation", sessionHash);
        }

        /** Hash of step-up entries of one logical session (by handle, so they survive id rotation). */
        public String stepUps(String handle) {
            return key("stepups", handle);
        }
    }
}
