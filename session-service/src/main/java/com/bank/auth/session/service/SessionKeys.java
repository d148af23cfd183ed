package com.bank.auth.session.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.session.config.SessionConfig;

/**
 * The Redis key layout, in one place. Sessions are keyed by the SHA-256 of their id (hex), never the id itself,
 * so a Redis dump yields no usable cookie.
 */
@ApplicationScoped
public class SessionKeys {

    private final String prefix;

    SessionKeys(SessionConfig config) {
        this.prefix = config.keyPrefix();
    }

    /** Hash with one session's fields. */
    public String session(String sessionHash) {
        return prefix + "session:" + sessionHash;
    }

    /** Sorted set of a user's live session hashes, scored by creation time. */
    public String userSessions(String sub) {
        return prefix + "user:" + sub;
    }
}
