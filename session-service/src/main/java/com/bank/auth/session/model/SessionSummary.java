package com.bank.auth.session.model;

import java.time.Instant;

/** A session as its user may see it in "my sessions": the public handle, never the id. */
public record SessionSummary(String handle, Instant createdAt, Instant lastSeenAt, long uses, String userAgent) {
}
