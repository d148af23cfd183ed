package com.bank.auth.mfa.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.sms.SmsNotSentException;
import com.bank.auth.mfa.model.SmsSent;
import com.bank.auth.mfa.sms.SmsSender;

/**
 * Text messages to users, in two steps so that no network call happens inside a database transaction or under its
 * lock: {@link #reserve} (in the transaction that stores the code) enforces the per-user limit (5 per 15 minutes by
 * default) and records the send; {@link #deliver} (after the commit) hands the text to the provider, within its time
 * budget. If delivery fails, the caller undoes what it stored and answers 503.
 */
@ApplicationScoped
public class SmsGateway {

    /** A text reserved within the limit, to deliver after the commit. Never stored: it holds a code. */
    public record PendingSms(String sub, String phoneNumber, String text) {
    }

    private final SmsSender sender;
    private final MfaConfig.Sms config;

    SmsGateway(SmsSender sender, MfaConfig config) {
        this.sender = sender;
        this.config = config.sms();
    }

    /** Within the transaction that stores the code: refused (429) beyond the limit, so nothing is stored then. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PendingSms reserve(String sub, String phoneNumber, String text) {
        Instant now = Instant.now();
        // Serialises concurrent sends for one user, so the limit cannot be raced past; held only until the commit.
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
        return new PendingSms(sub, phoneNumber, text);
    }

    /** After the commit, outside any transaction: {@code undo} runs if the provider did not take the message. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void deliver(PendingSms sms, Runnable undo) {
        try {
            sender.send(sms.sub(), sms.phoneNumber(), sms.text());
        } catch (SmsNotSentException e) {
            undo.run();
            throw e;
        }
    }
}
