package com.bank.auth.session.service;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.session.config.SessionConfig;

/**
 * The Redis key layout, in one place (the Lua scripts build the same names from {@link #prefix()}).
 * Sessions are keyed by the SHA-256 of their id (hex), never the id itself, so a Redis dump yields no usable cookie.
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

    /** Hash with one live session's fields; its TTL is the time the session has left. */
    public String session(String sessionHash) {
        return prefix + "session:" + sessionHash;
    }

    /** Every id ever issued: {@code live:<absoluteExpiresAtMs>} or the tombstone {@code ended:<reason>:<timeMs>}. */
    public String id(String sessionHash) {
        return prefix + "id:" + sessionHash;
    }

    /** Sorted set of a user's live session hashes, scored by creation time. */
    public String userSessions(String sub) {
        return prefix + "user:" + sub;
    }

    /** Set of session hashes created under one Keycloak session ({@code sid}), for back-channel logout. */
    public String idpSession(String sid) {
        return prefix + "sid:" + sid;
    }

    /** The refresh lease of one session. */
    public String lease(String sessionHash) {
        return prefix + "lease:" + sessionHash;
    }

    /** Hash of step-up entries of one logical session (by handle, so they survive id rotation). */
    public String stepUps(String handle) {
        return prefix + "stepups:" + handle;
    }
}
