package com.bank.auth.mfa.service;

import java.time.Instant;
import java.util.Optional;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.mfa.model.SecurityEvent;

/**
 * Records security events: the user's "security events" list and, as the same event, a line in the {@code audit}
 * log category. Joins the caller's transaction, so an event exists exactly when the change it describes does.
 */
@ApplicationScoped
public class SecurityEvents {

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String sub, String type, String detail) {
        SecurityEvent event = new SecurityEvent();
        event.sub = sub;
        event.type = type;
        event.occurredAt = Instant.now();
        event.detail = detail == null || detail.length() <= 255 ? detail : detail.substring(0, 255);
        event.persist();
        // The BFF audits the sessions it ends itself (it knows the session handle); factor events are audited here,
        // in the same transaction as the row the user sees.
        auditEvent(type).ifPresent(audited -> Audit.event(audited, Outcome.SUCCESS, sub, Map.of("detail", event.detail == null ? "" : event.detail)));
    }

    private static Optional<AuditEvent> auditEvent(String type) {
        return switch (type) {
            case SecurityEvent.FACTOR_ADDED -> Optional.of(AuditEvent.FACTOR_ADDED);
            case SecurityEvent.FACTOR_REMOVED -> Optional.of(AuditEvent.FACTOR_REMOVED);
            case SecurityEvent.FACTOR_LOCKED, SecurityEvent.PASSKEY_CLONE_SUSPECTED -> Optional.of(AuditEvent.FACTOR_LOCKED);
            default -> Optional.empty();
        };
    }
}
