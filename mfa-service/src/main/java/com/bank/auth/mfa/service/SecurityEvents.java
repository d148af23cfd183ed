package com.bank.auth.mfa.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.bank.auth.mfa.model.SecurityEvent;

/**
 * Records security events: the user's "security events" list and, as the same event, a line in the {@code audit}
 * log category. Joins the caller's transaction, so an event exists exactly when the change it describes does.
 */
@ApplicationScoped
public class SecurityEvents {

    private static final Logger AUDIT = Logger.getLogger("audit");

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String sub, String type, String detail) {
        SecurityEvent event = new SecurityEvent();
        event.sub = sub;
        event.type = type;
        event.occurredAt = Instant.now();
        event.detail = detail == null || detail.length() <= 255 ? detail : detail.substring(0, 255);
        event.persist();
        AUDIT.infof("%s sub=%s detail=%s", type, sub, detail);
    }
}
