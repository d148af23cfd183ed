package com.bank.auth.session.model;

import java.time.Instant;
import java.util.List;

/** A live session as the BFF reads it on every request. */
public record SessionView(String handle, String sub, String sid, String acr, List<String> amr, Instant authTime,
        String userAgent, Instant createdAt, Instant lastSeenAt, long uses, Instant idleExpiresAt,
        Instant absoluteExpiresAt, long tokenVersion, TokenSet tokens, boolean loginScaPending) {
}
