package com.bank.auth.mfa.sms;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.bank.auth.mfa.model.OutboxSms;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Local demo and tests: messages are kept in the database (table {@code sms_outbox}), so a demo user can read the code
 * whichever replica sent it (the last 20 per user are shown; the purge job removes them after the SMS window). Never in
 * production: {@code SmsSenderProducer} refuses it in the prod profile.
 */
public class OutboxSmsSender implements SmsSender {

    public record Message(String to, String text, Instant sentAt) {
    }

    private static final int SHOWN = 20;

    @Override
    public void send(String sub, String phoneNumber, String text) {
        // A produced instance has no interceptors, and a real provider's message stays sent whatever the caller's
        // transaction does: its own transaction.
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxSms sms = new OutboxSms();
            sms.id = UUID.randomUUID();
            sms.sub = sub;
            sms.toNumber = phoneNumber;
            sms.text = text;
            sms.sentAt = Instant.now();
            sms.persist();
        });
    }

    /** Newest first. */
    public List<Message> messagesFor(String sub) {
        return QuarkusTransaction.joiningExisting().call(() -> OutboxSms.<OutboxSms>find("sub = ?1 order by sentAt desc, id", sub)
                .page(0, SHOWN).list().stream().map(sms -> new Message(sms.toNumber, sms.text, sms.sentAt)).toList());
    }
}
