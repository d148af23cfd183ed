package com.bank.auth.session.service;

import java.time.Instant;
import java.util.Map;

import com.bank.auth.common.problem.Problem;

/** The problems session-service answers with; {@code type} slugs are part of the contract with the BFF. */
final class SessionProblems {

    private SessionProblems() {
    }

    static Problem notFound() {
        return Problem.of("session-not-found", "Session not found", 404, "No such session.");
    }

    static Problem ended(String reason, Instant endedAt) {
        return Problem.of("session-ended", "Session ended", 410, "The session has ended: " + reason + ".")
                .with(Map.of("reason", reason, "endedAt", endedAt.toString()));
    }

    static Problem staleTokenVersion(long current) {
        return Problem.of("stale-token-version", "Token version changed", 409,
                "The tokens were updated by another request; read the session again.")
                .with(Map.of("tokenVersion", current));
    }

    static Problem leaseBusy(long retryAfterMs, long tokenVersion) {
        return Problem.of("refresh-in-progress", "Refresh in progress", 409,
                "Another request is refreshing this session's tokens; wait, then read the new version.")
                .with(Map.of("retryAfterMs", retryAfterMs, "tokenVersion", tokenVersion));
    }

    static Problem busy() {
        return Problem.of("session-busy", "Session busy", 409, "The session changed repeatedly; try again.");
    }

    static Problem noStepUp() {
        return Problem.of("step-up-not-found", "No step-up entry", 404, "No step-up entry under that idempotency key.");
    }
}
