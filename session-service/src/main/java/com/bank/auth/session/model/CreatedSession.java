package com.bank.auth.session.model;

import java.time.Instant;
import java.util.List;

/** A new session id (the only time it leaves the service) with its deadlines and the sessions it replaced. */
public record CreatedSession(String sessionId, String handle, Instant idleExpiresAt, Instant absoluteExpiresAt,
        long tokenVersion, List<String> supersededHandles) {

    @Override
    public String toString() {
        return "CreatedSession[handle=" + handle + "]";
    }
}
