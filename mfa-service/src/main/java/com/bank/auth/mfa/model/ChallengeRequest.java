package com.bank.auth.mfa.model;

import java.util.UUID;

/**
 * {@code POST /challenges}: who, which factor (default: the most recently used active one), why, and for
 * payments exactly what is authorised.
 */
public record ChallengeRequest(String sub, UUID factorId, String purpose, Binding binding) {

    public record Binding(String amount, String currency, String creditorName, String creditorIban, String idempotencyKey) {
    }
}
