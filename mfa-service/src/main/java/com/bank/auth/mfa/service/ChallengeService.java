package com.bank.auth.mfa.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.text.NumberFormat;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.bank.auth.common.stepup.TransactionBinding;
import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.model.Challenge;
import com.bank.auth.mfa.model.ChallengeRequest;
import com.bank.auth.mfa.model.Factor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Challenges bound to what they authorise (PSD2 dynamic linking) and their verification: 3 attempts, 5 minutes,
 * one success. Verification locks the challenge row and then the factor row, so one code succeeds at most once
 * however many requests race, and failure counts are never lost.
 */
@ApplicationScoped
public class ChallengeService {

    /** {@code requestOptions}: for a passkey, the {@code PublicKeyCredentialRequestOptionsJSON} to answer it with. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Created(UUID challengeId, UUID factorId, String type, Instant expiresAt, int attemptsRemaining,
            Map<String, Object> display, Map<String, Object> requestOptions) {
    }

    public record Verified(String stepUpToken, Instant expiresAt) {
    }

    /** A committed challenge and, for an SMS factor, the text to deliver now (outside the transaction). */
    public record Opened(Created challenge, SmsGateway.PendingSms sms) {
    }

    private final MfaConfig config;
    private final FactorService factors;
    private final FactorAttempts attempts;
    private final SmsCodes smsCodes;
    private final SmsGateway sms;
    private final StepUpSigner signer;
    private final ObjectMapper json;
    private final LastSca lastSca;
    private final UserLocks locks;
    private final AbuseLimits abuse;
    private final Passkeys passkeys;
    private final PasskeyEvidence evidence;

    ChallengeService(MfaConfig config, FactorService factors, FactorAttempts attempts, SmsCodes smsCodes, SmsGateway sms,
            StepUpSigner signer, ObjectMapper json, LastSca lastSca, UserLocks locks, AbuseLimits abuse, Passkeys passkeys,
            PasskeyEvidence evidence) {
        this.passkeys = passkeys;
        this.evidence = evidence;
        this.config = config;
        this.factors = factors;
        this.attempts = attempts;
        this.smsCodes = smsCodes;
        this.sms = sms;
        this.signer = signer;
        this.json = json;
        this.lastSca = lastSca;
        this.locks = locks;
        this.abuse = abuse;
    }

    @Transactional
    public Opened create(ChallengeRequest request) {
        String purpose = request.purpose() == null ? "payment" : request.purpose();
        if (!StepUpTokenVerifier.PURPOSES.contains(purpose)) {
            throw MfaProblems.invalid("purpose", "must be one of " + StepUpTokenVerifier.PURPOSES);
        }
        Factor factor = chooseFactor(request.sub(), request.factorId());
        Instant now = Instant.now();
        if (factor.lockedAt(now)) {
            throw MfaProblems.locked(factor.lockedUntil);
        }
        limitChallenges(request.sub(), now);
        Map<String, Object> display = new LinkedHashMap<>();
        Challenge challenge = new Challenge();
        challenge.id = request.challengeId() != null ? request.challengeId() : UUID.randomUUID();
        if (request.challengeId() != null && Challenge.findById(challenge.id) != null) {
            // A caller's retry or a reused id: never a second challenge (or a second text) under one id.
            throw MfaProblems.challengeExists();
        }
        TransactionBinding binding = null;
        if (StepUpTokenVerifier.PAYMENT.equals(purpose) || StepUpTokenVerifier.BENEFICIARY.equals(purpose)) {
            binding = binding(purpose, request.binding());
            challenge.txn = binding.txn();
            if (!binding.isBeneficiary()) {
                display.put("amount", binding.amount().toPlainString());
                display.put("currency", binding.currency());
            }
            display.put("creditorName", PaymentRules.normaliseText(request.binding().creditorName()));
            display.put("creditorIban", binding.creditorIban());
        }
        display.put("purpose", purpose);
        challenge.sub = request.sub();
        challenge.factorId = factor.id;
        challenge.purpose = purpose;
        challenge.displayJson = write(display);
        challenge.status = Challenge.OPEN;
        challenge.attemptsRemaining = config.challenge().attempts();
        challenge.createdAt = now;
        challenge.expiresAt = now.plus(Factor.SMS.equals(factor.type) ? min(config.challenge().ttl(), config.sms().codeTtl()) : config.challenge().ttl());
        Map<String, Object> requestOptions = null;
        if (Factor.PASSKEY.equals(factor.type)) {
            // What the passkey signs ends with the hash of what it approves (issue 27): for a payment or a beneficiary
            // its binding, whose hash is the txn; for the others, this challenge and its purpose.
            challenge.signedText = binding != null ? binding.canonicalJson() : write(signedPurpose(challenge.id, purpose));
            challenge.webauthnChallenge = Passkeys.assertionChallenge(Passkeys.sha256(challenge.signedText));
            requestOptions = passkeys.requestOptions(factor, challenge.webauthnChallenge);
        }
        SmsGateway.PendingSms text = null;
        if (Factor.SMS.equals(factor.type)) {
            String code = smsCodes.newCode();
            challenge.smsCodeHash = smsCodes.hash(code, "challenge:" + challenge.id);
            text = sms.reserve(request.sub(), factors.phoneNumber(factor), smsText(code, purpose, display));
        }
        challenge.persist();
        Audit.eventAfterCommit(AuditEvent.STEP_UP_REQUESTED, Outcome.SUCCESS, request.sub(), Map.of("challenge", challenge.id, "factor", factor.id,
                "factorType", factor.type, "purpose", purpose));
        return new Opened(new Created(challenge.id, factor.id, factor.type, challenge.expiresAt, challenge.attemptsRemaining, display,
                requestOptions), text);
    }

    /**
     * DESIGN 8: at most {@code rate-limit} challenges per user in {@code rate-window} (429 beyond: nothing is created, no
     * text is sent), and at most {@code max-open} open at once, the oldest ending first. Under the user's lock, so
     * parallel requests cannot race past either.
     */
    private void limitChallenges(String sub, Instant now) {
        locks.lock(sub);
        MfaConfig.Challenge limits = config.challenge();
        Instant since = now.minus(limits.rateWindow());
        if (Challenge.count("sub = ?1 and createdAt > ?2", sub, since) >= limits.rateLimit()) {
            Instant oldest = Challenge.<Challenge>find("sub = ?1 and createdAt > ?2 order by createdAt", sub, since).firstResult().createdAt;
            throw abuse.refuse("challenges", sub, "Too many approvals were asked for recently; try again in a few minutes.", oldest,
                    limits.rateWindow());
        }
        List<Challenge> open = Challenge.list("sub = ?1 and status = ?2 and expiresAt > ?3 order by createdAt", sub, Challenge.OPEN, now);
        for (int i = 0; i <= open.size() - limits.maxOpen(); i++) {
            open.get(i).status = Challenge.DEAD;
        }
    }

    /** The SMS could not be delivered: the challenge it would answer is dead at once. */
    @Transactional
    public void abandon(UUID challengeId) {
        Challenge.update("status = ?1 where id = ?2", Challenge.DEAD, challengeId);
    }

    /** {@code {"challengeId":…,"purpose":…}}: what a passkey signs for a purpose that names no payment. */
    private static Map<String, Object> signedPurpose(UUID challengeId, String purpose) {
        Map<String, Object> signed = new LinkedHashMap<>();
        signed.put("challengeId", challengeId.toString());
        signed.put("purpose", purpose);
        return signed;
    }

    /**
     * Checks a code, or for a passkey challenge its {@code AuthenticationResponseJSON} ({@code assertion}); problems
     * (400/410/423) keep what they counted, since they do not roll back.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Verified verify(String sub, UUID challengeId, String code, String assertion) {
        Challenge challenge = Challenge.findById(challengeId, LockModeType.PESSIMISTIC_WRITE);
        if (challenge == null || !challenge.sub.equals(sub)) {
            throw MfaProblems.notFound("challenge");
        }
        Instant now = Instant.now();
        if (!Challenge.OPEN.equals(challenge.status)) {
            throw MfaProblems.gone("The challenge was already used or has no attempts left.");
        }
        if (!challenge.expiresAt.isAfter(now)) {
            challenge.status = Challenge.DEAD;
            throw MfaProblems.gone("The challenge expired.");
        }
        Factor factor = Factor.findById(challenge.factorId, LockModeType.PESSIMISTIC_WRITE);
        if (factor == null || !Factor.ACTIVE.equals(factor.status)) {
            challenge.status = Challenge.DEAD;
            throw MfaProblems.gone("The factor of this challenge was removed.");
        }
        if (factor.lockedAt(now)) {
            throw MfaProblems.locked(factor.lockedUntil);
        }
        boolean passkey = Factor.PASSKEY.equals(factor.type);
        if (passkey ? assertion == null : code == null) {
            throw MfaProblems.invalid(passkey ? "assertion" : "code", "is required");
        }
        boolean valid;
        Passkeys.Assertion proof = null;
        if (Factor.TOTP.equals(factor.type)) {
            OptionalLong step = factors.matchingTotpStep(factor, code, now);
            valid = step.isPresent();
            step.ifPresent(s -> factor.lastAcceptedStep = s);
        } else if (passkey) {
            proof = checkPasskey(challenge, factor, assertion);
            valid = proof != null;
        } else {
            valid = smsCodes.matches(code, "challenge:" + challenge.id, challenge.smsCodeHash);
        }
        if (!valid) {
            challenge.attemptsRemaining--;
            attempts.failed(factor, now);
            Audit.eventAfterCommit(AuditEvent.STEP_UP_REFUSED, Outcome.FAILURE, sub, Map.of("challenge", challenge.id, "factor", factor.id,
                    "purpose", challenge.purpose, "reason", passkey ? "passkey not verified" : "wrong code",
                    "attemptsRemaining", challenge.attemptsRemaining));
            if (challenge.attemptsRemaining <= 0) {
                challenge.status = Challenge.DEAD;
            }
            if (factor.lockedAt(now)) {
                challenge.status = Challenge.DEAD;
                throw MfaProblems.locked(factor.lockedUntil);
            }
            if (challenge.attemptsRemaining <= 0) {
                throw MfaProblems.gone("No attempts left; start again.");
            }
            throw passkey ? MfaProblems.assertionRejected(challenge.attemptsRemaining) : MfaProblems.codeRejected(challenge.attemptsRemaining);
        }
        challenge.status = Challenge.VERIFIED;
        challenge.smsCodeHash = null;
        attempts.succeeded(factor, now);
        lastSca.record(sub, now);
        List<String> amr = switch (factor.type) {
            case Factor.TOTP -> List.of("otp");
            case Factor.PASSKEY -> Passkeys.amr(factor);
            default -> List.of("sms");
        };
        StepUpSigner.SignedStepUp signed = signer.sign(sub, challenge.purpose, challenge.txn, amr);
        if (proof != null) {
            evidence.record(challenge, factor, proof, assertion, signed.jti(), now);
        }
        Audit.eventAfterCommit(AuditEvent.STEP_UP_APPROVED, Outcome.SUCCESS, sub, Map.of("challenge", challenge.id, "factor", factor.id,
                "purpose", challenge.purpose, "stepUp", signed.jti()));
        return new Verified(signed.token(), signed.expiresAt());
    }

    /**
     * A passkey's answer to {@code challenge}: the proof, or null when it does not verify (counted like a wrong code).
     * A sign count that did not move forward locks the passkey for good and ends the challenge (423).
     */
    private Passkeys.Assertion checkPasskey(Challenge challenge, Factor factor, String assertion) {
        try {
            Passkeys.Assertion proof = passkeys.verify(factor, challenge.webauthnChallenge, assertion);
            factor.signCount = proof.signCount();
            factor.backupState = proof.backupState();
            return proof;
        } catch (Passkeys.Rejected e) {
            return null;
        } catch (Passkeys.CloneSuspected e) {
            challenge.status = Challenge.DEAD;
            attempts.cloneSuspected(factor);
            Audit.eventAfterCommit(AuditEvent.STEP_UP_REFUSED, Outcome.FAILURE, challenge.sub, Map.of("challenge", challenge.id,
                    "factor", factor.id, "purpose", challenge.purpose, "reason", "passkey sign count did not increase"));
            throw MfaProblems.cloneSuspected();
        }
    }

    private Factor chooseFactor(String sub, UUID factorId) {
        if (factorId != null) {
            Factor factor = Factor.findById(factorId);
            if (factor == null || !factor.sub.equals(sub)) {
                throw MfaProblems.notFound("factor");
            }
            if (!Factor.ACTIVE.equals(factor.status)) {
                throw MfaProblems.noActiveFactor();
            }
            return factor;
        }
        // A factor that is not locked first; then a passkey (phishing-resistant), then TOTP, then SMS (a restricted
        // authenticator), as NIST SP 800-63B orders them; then the most recently used.
        return Factor.<Factor>find("sub = ?1 and status = ?2 order by case when lockedUntil > ?3 then 1 else 0 end, "
                + "case type when 'passkey' then 0 when 'totp' then 1 else 2 end, lastUsedAt desc nulls last, createdAt desc",
                sub, Factor.ACTIVE, Instant.now()).firstResultOptional()
                .orElseThrow(MfaProblems::noActiveFactor);
    }

    /**
     * What to approve, checked by the same rules payments-service books with (bank-common's {@link PaymentRules}):
     * what the user reads is what is booked. A payment: amount, currency, payee and key; a beneficiary: payee and key.
     */
    private static TransactionBinding binding(String purpose, ChallengeRequest.Binding b) {
        boolean payment = StepUpTokenVerifier.PAYMENT.equals(purpose);
        if (b == null) {
            throw MfaProblems.invalid("binding", payment
                    ? "is required for a payment: amount, currency, creditorName, creditorIban, idempotencyKey"
                    : "is required for a beneficiary: creditorName, creditorIban, idempotencyKey");
        }
        List<Map<String, String>> errors = new ArrayList<>();
        if (payment) {
            PaymentRules.amountProblem(b.amount(), null).ifPresent(p -> errors.add(Map.of("field", "binding.amount", "message", p)));
            PaymentRules.currencyProblem(b.currency()).ifPresent(p -> errors.add(Map.of("field", "binding.currency", "message", p)));
        } else if (b.amount() != null || b.currency() != null) {
            // A beneficiary approval authorises no amount: one that names an amount was meant for a payment.
            errors.add(Map.of("field", "binding.amount", "message", "must be absent for a beneficiary"));
        }
        PaymentRules.textProblem(b.creditorName(), true).ifPresent(p -> errors.add(Map.of("field", "binding.creditorName", "message", p)));
        PaymentRules.ibanProblem(b.creditorIban()).ifPresent(p -> errors.add(Map.of("field", "binding.creditorIban", "message", p)));
        if (!PaymentRules.isIdempotencyKey(b.idempotencyKey())) {
            errors.add(Map.of("field", "binding.idempotencyKey", "message", "must be the request's Idempotency-Key"));
        }
        if (!errors.isEmpty()) {
            throw MfaProblems.invalidBinding(errors);
        }
        String iban = PaymentRules.normaliseIban(b.creditorIban());
        return payment ? new TransactionBinding(PaymentRules.amount(b.amount()), PaymentRules.normaliseCurrency(b.currency()), iban, b.idempotencyKey())
                : TransactionBinding.beneficiary(iban, b.idempotencyKey());
    }

    /** PSD2 RTS Art. 5: the message names the amount and the payee it authorises. */
    private static String smsText(String code, String purpose, Map<String, Object> display) {
        if (StepUpTokenVerifier.PAYMENT.equals(purpose)) {
            NumberFormat format = NumberFormat.getNumberInstance(Locale.UK);
            // Exactly the amount authorised, cents included: 12,000.00, never a rounded 12,000.
            format.setMinimumFractionDigits(2);
            format.setMaximumFractionDigits(2);
            String amount = format.format(new BigDecimal((String) display.get("amount")));
            return "Bank: " + code + " approves " + display.get("currency") + " " + amount + " to " + display.get("creditorName")
                    + " (" + display.get("creditorIban") + "). Never share this code.";
        }
        if (StepUpTokenVerifier.BENEFICIARY.equals(purpose)) {
            return "Bank: " + code + " approves trusting " + display.get("creditorName") + " (" + display.get("creditorIban")
                    + ") as a payee: payments to them will need no code. Never share this code.";
        }
        if (StepUpTokenVerifier.LOGIN.equals(purpose)) {
            return "Bank: " + code + " confirms it's you signing in to the Bank app. Never share this code.";
        }
        return "Bank: " + code + " approves your " + purpose + " request. Never share this code.";
    }

    private String write(Map<String, Object> display) {
        try {
            return json.writeValueAsString(display);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
