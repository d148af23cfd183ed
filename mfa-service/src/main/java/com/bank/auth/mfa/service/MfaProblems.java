package com.bank.auth.mfa.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;

/** The problems mfa-service answers with. Code failures never say which part was wrong. */
public final class MfaProblems {

    private MfaProblems() {
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of("not-found", "Not found", 404, "No such " + what + "."));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of("invalid-request", "Invalid request", 400, "The request has invalid fields.")
                .with(Map.of("errors", List.of(Map.of("field", field, "message", message)))));
    }

    public static ProblemException codeRejected(int attemptsRemaining) {
        return new ProblemException(Problem.of("code-rejected", "Code not accepted", 400, "The code was not accepted.")
                .with(Map.of("attemptsRemaining", attemptsRemaining)));
    }

    /** A passkey assertion (or registration) that did not verify; like a wrong code, it never says which check failed. */
    public static ProblemException assertionRejected(int attemptsRemaining) {
        return new ProblemException(Problem.of("passkey-rejected", "Passkey not accepted", 400, "The passkey's answer was not accepted.")
                .with(Map.of("attemptsRemaining", attemptsRemaining)));
    }

    /** The passkey's sign count went back: it is locked until the user removes it (a security event). */
    public static ProblemException cloneSuspected() {
        return new ProblemException(Problem.of("passkey-clone-suspected", "Passkey locked", 423,
                "This passkey answered as if it had been copied, so it is locked. Approve with another factor, "
                        + "then remove this passkey and add it again."));
    }

    public static ProblemException passkeysUnavailable() {
        return new ProblemException(Problem.of("passkeys-unavailable", "Passkeys unavailable", 409,
                "Passkeys cannot be added here yet; use an authenticator app."));
    }

    /** The credential is registered already (to this user or anyone): WebAuthn L3 7.1 step 26. */
    public static ProblemException credentialInUse() {
        return new ProblemException(Problem.of("passkey-registered", "Passkey registered already", 409,
                "This passkey is registered already."));
    }

    public static ProblemException gone(String detail) {
        return new ProblemException(Problem.of("challenge-gone", "No longer valid", 410, detail));
    }

    public static ProblemException challengeExists() {
        return new ProblemException(Problem.of("challenge-exists", "Challenge exists", 409, "A challenge with that id exists already."));
    }

    public static ProblemException locked(Instant lockedUntil) {
        return new ProblemException(Problem.of("factor-locked", "Factor locked", 423,
                "Too many wrong codes; try again later.").with(Map.of("lockedUntil", lockedUntil.toString())));
    }

    public static ProblemException noActiveFactor() {
        return new ProblemException(Problem.of("no-active-factor", "No second factor", 409,
                "Enrol and confirm a second factor first."));
    }

    /** RFC 9470 in problem form, the same shape the SPA handles for payments: approve with an existing factor first. */
    public static ProblemException factorChangeStepUpRequired() {
        return new ProblemException(Problem.of("step-up-required", "Approval required", 401,
                "Adding or removing a factor needs an approval with one of your active factors.")
                .with(Map.of("purpose", "factor-change")));
    }

    public static ProblemException loginRequired() {
        return new ProblemException(Problem.of("login-required", "Sign in again", 401,
                "Adding your first factor needs a sign-in from the last 5 minutes."));
    }

    /**
     * A first factor without a valid activation code. The same problem for a missing, wrong, expired, spent or voided
     * code, and for another user's: it never says which.
     */
    public static ProblemException activationCodeRequired() {
        return new ProblemException(Problem.of("activation-code-required", "Activation code required", 403,
                "Your first second factor needs the activation code from the letter we sent you."));
    }

    public static ProblemException letterNotSent() {
        return new ProblemException(Problem.of("letter-unavailable", "Letter not sent", 503,
                "The letter provider did not take the letter; no code was issued. Try again later."),
                Map.of("Retry-After", "30"));
    }

    public static ProblemException notAllowed() {
        return new ProblemException(Problem.of("forbidden", "Forbidden", 403, "This client may not do this."));
    }

    public static ProblemException tooManyPending(int max) {
        return new ProblemException(Problem.of("too-many-pending-factors", "Too many unconfirmed factors", 409,
                "At most " + max + " factors may wait for confirmation; confirm or remove one first."));
    }

    public static ProblemException invalidBinding(List<Map<String, String>> errors) {
        return new ProblemException(Problem.of("invalid-payment", "Invalid payment", 422, "The payment to approve has invalid fields.")
                .with(Map.of("errors", errors)));
    }
}
