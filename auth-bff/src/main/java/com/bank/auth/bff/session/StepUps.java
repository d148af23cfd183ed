package com.bank.auth.bff.session;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.bank.auth.bff.client.SessionServiceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Step-up state kept in the session (session-service, encrypted): per Idempotency-Key the payment that was refused
 * for step-up and what it must be bound to, later its step-up token; per challenge the key it belongs to.
 * The SPA never chooses what a challenge is bound to: the BFF takes it from here.
 */
@ApplicationScoped
public class StepUps {

    /** Step-ups that approve session-wide operations (not one payment); each is kept under its purpose. */
    public static final java.util.Set<String> SESSION_PURPOSES = java.util.Set.of("admin", "factor-change");

    private final SessionServiceClient sessions;
    private final ObjectMapper json;

    StepUps(@RestClient SessionServiceClient sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /** Remembers the refused payment and the binding payments-service asked for. */
    public void remember(String sessionId, String idempotencyKey, String paymentBody, String stepUpProblem) {
        try {
            ObjectNode entry = json.createObjectNode();
            JsonNode problem = json.readTree(stepUpProblem);
            ObjectNode binding = entry.putObject("binding");
            for (String field : new String[] { "amount", "currency", "creditorName", "creditorIban", "idempotencyKey" }) {
                binding.put(field, problem.path(field).asText());
            }
            entry.put("payment", paymentBody);
            put(sessionId, idempotencyKey, entry);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("step-up problem is not JSON", e);
        }
    }

    public Optional<ObjectNode> entry(String sessionId, String key) {
        try {
            return Optional.of(BffSessions.call(() -> sessions.getStepUp(sessionId, key)));
        } catch (BffSessions.SessionGone e) {
            // No such entry (or the session just ended): nothing is approved, nothing is bound.
            return Optional.empty();
        }
    }

    public Optional<String> tokenFor(String sessionId, String idempotencyKey) {
        return entry(sessionId, idempotencyKey).map(e -> e.path("stepUpToken").asText(null));
    }

    /** True if the session holds a step-up token under {@code key} that has not expired (mfa-service issued it to us). */
    public boolean validTokenFor(String sessionId, String key) {
        return tokenFor(sessionId, key).map(token -> {
            try {
                var exp = com.nimbusds.jwt.JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
                return exp != null && exp.toInstant().isAfter(java.time.Instant.now());
            } catch (java.text.ParseException e) {
                return false;
            }
        }).orElse(false);
    }

    public void linkChallenge(String sessionId, String challengeId, String idempotencyKey) {
        ObjectNode link = json.createObjectNode().put("idempotencyKey", idempotencyKey);
        put(sessionId, "challenge." + challengeId, link);
    }

    public Optional<String> keyOfChallenge(String sessionId, String challengeId) {
        return entry(sessionId, "challenge." + challengeId).map(e -> e.path("idempotencyKey").asText(null));
    }

    public void storeToken(String sessionId, String idempotencyKey, String stepUpToken) {
        ObjectNode entry = entry(sessionId, idempotencyKey).orElseGet(json::createObjectNode);
        entry.put("stepUpToken", stepUpToken);
        put(sessionId, idempotencyKey, entry);
    }

    private void put(String sessionId, String key, ObjectNode entry) {
        BffSessions.call(() -> {
            sessions.putStepUp(sessionId, key, entry);
            return null;
        });
    }
}
