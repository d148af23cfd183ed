package com.bank.auth.mfa.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.model.SmsSent;
import com.bank.auth.mfa.sms.SmsSender;

/** Sends an SMS to a user within the per-user limit (5 per 15 minutes by default), recording each one. */
@ApplicationScoped
public class SmsGateway {

    private final SmsSender sender;
    private final MfaConfig.Sms config;

    SmsGateway(SmsSender sender, MfaConfig config) {
        this.sender = sender;
        this.config = config.sms();
    }

    /** Call inside the transaction that stores the code, so a refused or failed send stores nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void send(String sub, String phoneNumber, String text) {
        Instant now = Instant.now();
        // Serialises concurrent sends for one user, so the limit cannot be raced past.
        SmsSent.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "sms:" + sub)
                .getSingleResult();
        long recent = SmsSent.count("sub = ?1 and sentAt > ?2", sub, now.minus(config.rateWindow()));
        if (recent >= config.rateLimit()) {
            throw MfaProblems.tooManySms(config.rateWindow().toSeconds());
        }
        SmsSent sent = new SmsSent();
        sent.sub = sub;
        sent.sentAt = now;
        sent.persist();
        sender.send(sub, phoneNumber, text);
    }
}
