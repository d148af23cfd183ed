package com.bank.auth.mfa.model;

import java.util.UUID;

/**
 * {@code POST /challenges}: who, which factor (default: the most recently used active one), why, and for
 * payments exactly what is authorised. {@code challengeId}, if given, is the id the challenge gets (a random UUID of
 * the caller's): the BFF links it to the session before the challenge exists, so no text goes out for a challenge the
 * session could not remember (issue 23, item 1). Without it, the id is ours.
 */
public record ChallengeRequest(String sub, UUID factorId, String purpose, Binding binding, UUID challengeId) {

    public record Binding(String amount, String currency, String creditorName, String creditorIban, String idempotencyKey) {
    }
}
