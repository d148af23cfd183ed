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
 * lock: {@link #reserve} (in the transaction that stores the code) enforces the limits (5 per 15 minutes per user, 10 a
 * day per number, a global hourly cap) and records the send; {@link #deliver} (after the commit) hands the text to the provider, within its time
 * budget. If delivery fails, the caller undoes what it stored and answers 503.
 */
@ApplicationScoped
public class SmsGateway {

    /** A text reserved within the limit, to deliver after the commit. Never stored: it holds a code. */
    public record PendingSms(String sub, String phoneNumber, String text) {
    }

    private final SmsSender sender;
    private final MfaConfig.Sms config;
    private final SmsCodes hashes;
    private final AbuseLimits limits;

    SmsGateway(SmsSender sender, MfaConfig config, SmsCodes hashes, AbuseLimits limits) {
        this.sender = sender;
        this.config = config.sms();
        this.hashes = hashes;
        this.limits = limits;
    }

    /**
     * Within the transaction that stores the code: refused (429) beyond a limit (DESIGN 8: per user, per destination
     * number, in all), so nothing is stored then, and recorded as sent otherwise.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PendingSms reserve(String sub, String phoneNumber, String text) {
        Instant now = Instant.now();
        String destination = hashes.hash(phoneNumber, "sms-destination");
        // Serialises concurrent sends (one lock for all: the global cap is one counter), so no limit can be raced past;
        // held only until the commit, which comes before the provider is called.
        SmsSent.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "sms:all")
                .getSingleResult();
        check("sms-user", sub, "sub = ?1 and sentAt > ?2", sub, config.rateLimit(), config.rateWindow(), now,
                "Too many text messages were sent to you recently; try again later.");
        check("sms-number", sub, "destinationHash = ?1 and sentAt > ?2", destination, config.numberLimit(), config.numberWindow(), now,
                "Too many text messages went to this number today; try again tomorrow.");
        long all = SmsSent.count("sentAt > ?1", now.minus(config.globalWindow()));
        if (all >= config.globalLimit()) {
            limits.alarm("sms-global", all);
            throw limits.refuse("sms-global", sub, "Text messages are paused for a moment; please try again later.",
                    oldest("sentAt > ?1", now.minus(config.globalWindow())), config.globalWindow());
        }
        SmsSent sent = new SmsSent();
        sent.sub = sub;
        sent.sentAt = now;
        sent.destinationHash = destination;
        sent.persist();
        return new PendingSms(sub, phoneNumber, text);
    }

    private void check(String limit, String sub, String query, String key, int max, java.time.Duration window, Instant now, String detail) {
        Instant since = now.minus(window);
        if (SmsSent.count(query, key, since) >= max) {
            throw limits.refuse(limit, sub, detail, oldest(query, key, since), window);
        }
    }

    private static Instant oldest(String query, Object... parameters) {
        return SmsSent.<SmsSent>find(query + " order by sentAt", parameters).firstResultOptional().map(s -> s.sentAt).orElse(null);
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
