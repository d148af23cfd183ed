package com.bank.auth.mfa.letters;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.bank.auth.mfa.model.OutboxLetter;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Local demo and tests: letters are kept in the database (table {@code letter_outbox}), so the demo's "Show demo
 * letters" can read a code after a restart too. Never in production: {@link LetterSenderProducer} refuses it outside
 * the dev, test and local profiles.
 */
public class OutboxLetterSender implements LetterSender {

    @Override
    public void send(UUID letterId, String sub, String text, String activationCode) {
        // A produced instance has no interceptors: the transaction is explicit.
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxLetter letter = new OutboxLetter();
            letter.letterId = letterId;
            letter.sub = sub;
            letter.sentAt = Instant.now();
            letter.text = text;
            letter.activationCode = activationCode;
            letter.persist();
        });
    }

    /** The user's letters, newest first. */
    public List<OutboxLetter> lettersFor(String sub) {
        return OutboxLetter.list("sub = ?1 order by sentAt desc", sub);
    }
}
