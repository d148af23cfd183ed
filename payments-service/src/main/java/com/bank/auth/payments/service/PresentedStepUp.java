package com.bank.auth.payments.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;

/**
 * The step-up token a request carried, checked before any row is locked: valid for this caller and purpose
 * ({@link StepUpVerifier}) and bound to exactly this request ({@code txn}). Single use is checked later, in the
 * transaction that acts on it ({@link SpentStepUps}).
 */
public record PresentedStepUp(JsonWebToken token, String refusal) {

    static final PresentedStepUp NONE = new PresentedStepUp(null, null);

    /** Checks {@code stepUpToken} (may be null) for {@code sub}, {@code purpose} and the {@code expectedTxn}. */
    static PresentedStepUp check(StepUpVerifier verifier, String stepUpToken, String sub, String purpose, String expectedTxn) {
        if (stepUpToken == null || stepUpToken.isBlank()) {
            return NONE;
        }
        Optional<JsonWebToken> verified = verifier.verify(stepUpToken, sub, purpose);
        if (verified.isEmpty()) {
            return new PresentedStepUp(null, "The step-up token is not valid for this request.");
        }
        if (!expectedTxn.equals(verified.get().getClaim("txn"))) {
            Audit.event(AuditEvent.STEP_UP_REFUSED, Outcome.FAILURE, sub, Map.of("purpose", purpose, "reason", "bound to another request"));
            return new PresentedStepUp(null, "The step-up does not match this request.");
        }
        return new PresentedStepUp(verified.get(), null);
    }

    public Optional<JsonWebToken> valid() {
        return Optional.ofNullable(token);
    }

    /** The factors the step-up was made with ({@code amr}), e.g. {@code ["otp"]}. */
    public List<String> amr() {
        Object amr = token == null ? null : token.getClaim("amr");
        if (amr instanceof jakarta.json.JsonArray array) {
            return array.stream().map(v -> v instanceof jakarta.json.JsonString s ? s.getString() : v.toString()).toList();
        }
        if (amr instanceof java.util.Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
