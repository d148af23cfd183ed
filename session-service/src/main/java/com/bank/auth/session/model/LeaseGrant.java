package com.bank.auth.session.model;

/** The right to refresh a session's tokens, alone, for {@code ttlMs}; renew by asking again with the same id. */
public record LeaseGrant(String leaseId, long ttlMs) {
}
