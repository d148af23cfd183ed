package com.bank.auth.mfa.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.letters.LetterNotSentException;
import com.bank.auth.mfa.letters.LetterSender;
import com.bank.auth.mfa.model.ActivationCode;
import com.bank.auth.mfa.model.SecurityEvent;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one-time codes of activation letters (DESIGN 5, PSD2 RTS Art. 24: an authenticator is bound in a secure
 * environment, here a letter to the customer's address, not the session a phished password opens). A code is 10
 * characters of Crockford's base32 (0-9 and A-Z without I, L, O, U: 50 bits), valid 14 days, stored only as a keyed
 * hash; a new letter voids the previous code, 5 wrong tries void it, confirming a first factor spends it.
 */
@ApplicationScoped
public class ActivationCodes {

    /** Crockford's base32: no I, L, O or U, so what is printed cannot be misread as another symbol. */
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A letter that was handed to the provider. */
    public record Issued(UUID letterId, Instant expiresAt) {
    }

    private final MfaConfig.Letters config;
    private final SmsCodes hashes;
    private final LetterSender letters;
    private final SecurityEvents events;
    private final UserLocks locks;

    ActivationCodes(MfaConfig config, SmsCodes hashes, LetterSender letters, SecurityEvents events, UserLocks locks) {
        this.config = config.letters();
        this.hashes = hashes;
        this.letters = letters;
        this.events = events;
        this.locks = locks;
    }

    /**
     * Issues a new code for {@code sub} (voiding any earlier one) and sends its letter. The code is committed before
     * the letter goes out (no network call under a lock); if the provider does not take the letter, the code is voided
     * again and the caller gets a 503.
     */
    public Issued issue(String sub) {
        String code = newCode();
        ActivationCode issued = QuarkusTransaction.requiringNew().call(() -> store(sub, code));
        try {
            letters.send(issued.id, sub, letterText(code, issued.expiresAt), display(code));
        } catch (LetterNotSentException e) {
            QuarkusTransaction.requiringNew().run(() -> end(issued.id, ActivationCode.VOIDED));
            throw e;
        }
        Audit.event(AuditEvent.ACTIVATION_LETTER_SENT, Outcome.SUCCESS, sub, Map.of("letter", issued.id));
        QuarkusTransaction.requiringNew().run(() -> events.record(sub, SecurityEvent.ACTIVATION_LETTER_SENT,
                "Any earlier activation code no longer works"));
        return new Issued(issued.id, issued.expiresAt);
    }

    private ActivationCode store(String sub, String code) {
        locks.lock(sub);
        Instant now = Instant.now();
        ActivationCode.update("status = ?1, endedAt = ?2 where sub = ?3 and status = ?4", ActivationCode.VOIDED, now, sub,
                ActivationCode.ACTIVE);
        ActivationCode activation = new ActivationCode();
        activation.id = UUID.randomUUID();
        activation.sub = sub;
        activation.codeHash = hashes.hash(code, context(activation.id));
        activation.status = ActivationCode.ACTIVE;
        activation.createdAt = now;
        activation.expiresAt = now.plus(config.codeTtl());
        activation.persist();
        return activation;
    }

    /**
     * The id of {@code sub}'s active code if {@code typed} is it (normalised as people type what the letter shows);
     * else 403 {@code activation-code-required}, the same for every reason. A wrong try counts in a transaction of its
     * own, so it stays counted when the caller's rolls back; the 5th voids the code.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID verify(String sub, String typed) {
        Instant now = Instant.now();
        Optional<ActivationCode> active = ActivationCode.<ActivationCode>find("sub = ?1 and status = ?2", sub, ActivationCode.ACTIVE)
                .firstResultOptional().filter(c -> c.expiresAt.isAfter(now));
        if (active.isEmpty()) {
            Audit.event(AuditEvent.ACTIVATION_CODE_REFUSED, Outcome.FAILURE, sub, Map.of("reason", "no active code"));
            throw MfaProblems.activationCodeRequired();
        }
        ActivationCode code = active.get();
        if (typed == null || typed.isBlank()) {
            // Nothing typed is no try: only a code that was entered and is wrong counts towards voiding it.
            throw MfaProblems.activationCodeRequired();
        }
        String normalised = normalise(typed);
        boolean valid = normalised != null && MessageDigest.isEqual(hashes.hash(normalised, context(code.id)).getBytes(StandardCharsets.US_ASCII),
                code.codeHash.getBytes(StandardCharsets.US_ASCII));
        if (!valid) {
            QuarkusTransaction.requiringNew().run(() -> failedTry(code.id));
            throw MfaProblems.activationCodeRequired();
        }
        return code.id;
    }

    /** Spends the code a first factor was enrolled with, in the transaction that activates the factor; 403 if it is no longer active. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void spend(String sub, UUID codeId) {
        ActivationCode code = codeId == null ? null : ActivationCode.findById(codeId, LockModeType.PESSIMISTIC_WRITE);
        if (code == null || !code.sub.equals(sub) || !ActivationCode.ACTIVE.equals(code.status) || !code.expiresAt.isAfter(Instant.now())) {
            Audit.event(AuditEvent.ACTIVATION_CODE_REFUSED, Outcome.FAILURE, sub, Map.of("reason", "no longer active"));
            throw MfaProblems.activationCodeRequired();
        }
        code.status = ActivationCode.SPENT;
        code.endedAt = Instant.now();
        events.record(sub, SecurityEvent.ACTIVATION_CODE_USED, null);
        Audit.event(AuditEvent.ACTIVATION_CODE_USED, Outcome.SUCCESS, sub, Map.of("letter", code.id));
    }

    private void failedTry(UUID codeId) {
        ActivationCode code = ActivationCode.findById(codeId, LockModeType.PESSIMISTIC_WRITE);
        if (code == null || !ActivationCode.ACTIVE.equals(code.status)) {
            return;
        }
        code.failedAttempts++;
        events.record(code.sub, SecurityEvent.ACTIVATION_CODE_REFUSED, "A wrong activation code was entered");
        Audit.event(AuditEvent.ACTIVATION_CODE_REFUSED, Outcome.FAILURE, code.sub, Map.of("reason", "wrong code",
                "attemptsRemaining", Math.max(0, config.maxAttempts() - code.failedAttempts)));
        if (code.failedAttempts >= config.maxAttempts()) {
            code.status = ActivationCode.VOIDED;
            code.endedAt = Instant.now();
            events.record(code.sub, SecurityEvent.ACTIVATION_CODE_VOIDED, "Too many wrong activation codes; ask for a new letter");
        }
    }

    private void end(UUID codeId, String status) {
        ActivationCode.update("status = ?1, endedAt = ?2 where id = ?3 and status = ?4", status, Instant.now(), codeId, ActivationCode.ACTIVE);
    }

    static String newCode() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** {@code ABCDE-FGHJK}: as printed, in two groups. */
    static String display(String code) {
        return code.substring(0, 5) + "-" + code.substring(5);
    }

    /**
     * What a person typed, as the code: case, spaces and dashes do not matter, and the letters Crockford's alphabet
     * leaves out read as the digits they look like (O as 0, I and L as 1). Null if it cannot be a code.
     */
    static String normalise(String typed) {
        if (typed == null || typed.length() > 40) {
            return null;
        }
        String code = typed.replaceAll("[\\s\\-\u2010-\u2015]", "").toUpperCase(Locale.ROOT)
                .replace('O', '0').replace('I', '1').replace('L', '1');
        if (code.length() != LENGTH) {
            return null;
        }
        for (char c : code.toCharArray()) {
            if (ALPHABET.indexOf(c) < 0) {
                return null;
            }
        }
        return code;
    }

    private static String letterText(String code, Instant expiresAt) {
        return "Your activation code for the Bank app: " + display(code) + ". Enter it when you set up your first second factor"
                + " (an authenticator app or a phone). It works once, until " + expiresAt.toString().substring(0, 10)
                + ". We will never ask you for it by phone or e-mail.";
    }

    private static String context(UUID codeId) {
        return "activation:" + codeId;
    }
}
