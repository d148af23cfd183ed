package com.bank.auth.mfa.service;

import java.time.Instant;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.model.EnrolmentStarted;
import com.bank.auth.mfa.model.Factor;
import com.bank.auth.mfa.model.PasskeyUser;
import com.bank.auth.mfa.model.SecurityEvent;

/** Enrolment (pending until confirmed with a valid code), confirmation and removal of factors. */
@ApplicationScoped
public class FactorService {

    public record TotpEnrolment(UUID factorId, String otpauthUri, String qrCode) {
    }

    private final MfaConfig config;
    private final SecretCipher cipher;
    private final SmsCodes smsCodes;
    private final SmsGateway sms;
    private final FactorAttempts attempts;
    private final FactorChangeApprovals approvals;
    private final SecurityEvents events;
    private final ActivationCodes activationCodes;
    private final LastSca lastSca;
    private final PhoneNumbers phoneNumbers;
    private final AbuseLimits abuse;
    private final Passkeys passkeys;

    FactorService(MfaConfig config, SecretCipher cipher, SmsCodes smsCodes, SmsGateway sms, FactorAttempts attempts,
            FactorChangeApprovals approvals, SecurityEvents events, ActivationCodes activationCodes, LastSca lastSca,
            PhoneNumbers phoneNumbers, AbuseLimits abuse, Passkeys passkeys) {
        this.passkeys = passkeys;
        this.config = config;
        this.cipher = cipher;
        this.smsCodes = smsCodes;
        this.sms = sms;
        this.attempts = attempts;
        this.approvals = approvals;
        this.events = events;
        this.activationCodes = activationCodes;
        this.lastSca = lastSca;
        this.phoneNumbers = phoneNumbers;
        this.abuse = abuse;
    }

    /**
     * The user's authority for a factor change: a factor-change step-up the BFF holds, the login time (from the user's
     * own signed access token) and, for a first factor, the activation code they typed.
     */
    public record ChangeAuthority(String stepUpToken, Instant authTime, String activationCode) {
    }

    @Transactional
    public TotpEnrolment enrolTotp(String sub, String label, String accountName, ChangeAuthority authority) {
        Totp totp = new Totp(config.totp().algorithm(), config.totp().digits(), config.totp().period());
        Factor factor = newFactor(sub, Factor.TOTP, label, authority);
        byte[] secret = totp.newSecret();
        factor.secretCiphertext = cipher.seal(Base64.getEncoder().encodeToString(secret), context(factor));
        factor.totpAlgorithm = totp.algorithm();
        factor.totpDigits = totp.digits();
        factor.totpPeriod = (int) totp.period().toSeconds();
        factor.persist();
        String uri = totp.otpauthUri(config.issuerName(), accountName == null || accountName.isBlank() ? label : accountName, secret);
        Audit.event(AuditEvent.FACTOR_ENROLMENT_STARTED, Outcome.SUCCESS, sub, Map.of("factor", factor.id, "factorType", factor.type));
        return new TotpEnrolment(factor.id, uri, QrCodes.pngDataUri(uri));
    }

    /** A pending passkey and the options for the browser's {@code navigator.credentials.create}. */
    public record PasskeyEnrolment(UUID factorId, Map<String, Object> creationOptions) {
    }

    /**
     * A pending passkey (DESIGN 5's factor rules, as for TOTP and SMS): a registration challenge of its own, the user's
     * WebAuthn handle (random, one per user) and their other passkeys excluded. {@code userName} is what the user's
     * passkey manager lists the passkey under.
     */
    @Transactional
    public PasskeyEnrolment enrolPasskey(String sub, String label, String userName, ChangeAuthority authority) {
        if (!passkeys.available()) {
            // First: a deployment without passkeys checks, counts and spends nothing of the user's.
            throw MfaProblems.passkeysUnavailable();
        }
        Factor factor = newFactor(sub, Factor.PASSKEY, label, authority);
        factor.registrationChallenge = Passkeys.b64(Passkeys.randomBytes());
        factor.persist();
        PasskeyUser user = PasskeyUser.findById(sub);
        if (user == null) {
            user = new PasskeyUser();
            user.sub = sub;
            user.userHandle = Passkeys.b64(Passkeys.randomBytes());
            user.persist();
        }
        List<Factor> existing = Factor.list("sub = ?1 and type = ?2 and status = ?3", sub, Factor.PASSKEY, Factor.ACTIVE);
        String name = userName == null || userName.isBlank() ? factor.label : userName;
        Audit.event(AuditEvent.FACTOR_ENROLMENT_STARTED, Outcome.SUCCESS, sub, Map.of("factor", factor.id, "factorType", factor.type));
        return new PasskeyEnrolment(factor.id, passkeys.creationOptions(factor, user.userHandle, name, existing));
    }

    /** A pending SMS factor and the confirmation text to deliver once it is committed. */
    public record SmsEnrolment(UUID factorId, SmsGateway.PendingSms sms) {
    }

    @Transactional
    public SmsEnrolment enrolSms(String sub, String label, String phoneNumber, ChangeAuthority authority) {
        String number = phoneNumbers.check(phoneNumber);
        Factor factor = newFactor(sub, Factor.SMS, label, authority);
        factor.phoneCiphertext = cipher.seal(number, context(factor));
        factor.phoneMasked = mask(number);
        String code = smsCodes.newCode();
        factor.confirmCodeHash = smsCodes.hash(code, context(factor));
        factor.persist();
        SmsGateway.PendingSms text = sms.reserve(sub, number,
                "Bank: " + code + " is your code to confirm this phone for approvals. Never share it.");
        Audit.event(AuditEvent.FACTOR_ENROLMENT_STARTED, Outcome.SUCCESS, sub, Map.of("factor", factor.id, "factorType", factor.type));
        return new SmsEnrolment(factor.id, text);
    }

    /**
     * Activates a pending factor with a valid code, or for a passkey its {@code RegistrationResponseJSON}. Wrong codes
     * and registrations that do not verify count towards the factor's lockout.
     */
    @Transactional(dontRollbackOn = com.bank.auth.common.problem.ProblemException.class)
    public Factor confirm(String sub, UUID factorId, String code, String passkeyCredential) {
        approvals.lockUser(sub);
        Factor factor = Factor.findById(factorId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        if (factor == null || !factor.sub.equals(sub)) {
            throw MfaProblems.notFound("factor");
        }
        if (!Factor.PENDING.equals(factor.status)) {
            throw MfaProblems.gone("The factor is already confirmed.");
        }
        if (factor.pendingExpiresAt.isBefore(now)) {
            throw MfaProblems.gone("The enrolment expired; enrol again.");
        }
        if (factor.lockedAt(now)) {
            throw MfaProblems.locked(factor.lockedUntil);
        }
        boolean firstFactor = FactorChangeApprovals.ACTIVATION_CODE.equals(factor.approvedBy);
        if (firstFactor && approvals.hasActiveFactor(sub)) {
            // Approved as a first factor by an activation code, but another factor became active meanwhile: from now
            // on only a step-up with that factor may add one.
            throw MfaProblems.gone("Another factor was confirmed meanwhile; add this one again with an approval.");
        }
        if (!firstFactor && !FactorChangeApprovals.STEP_UP.equals(factor.approvedBy)) {
            // Enrolled under an older rule (a login alone): it binds nothing any more.
            throw MfaProblems.gone("This enrolment is no longer valid; enrol again.");
        }
        boolean passkey = Factor.PASSKEY.equals(factor.type);
        if (passkey ? passkeyCredential == null : code == null) {
            throw MfaProblems.invalid(passkey ? "credential" : "code", "is required");
        }
        boolean valid;
        if (Factor.TOTP.equals(factor.type)) {
            OptionalLong step = matchingTotpStep(factor, code, now);
            valid = step.isPresent();
            step.ifPresent(s -> factor.lastAcceptedStep = s);
        } else if (passkey) {
            valid = registerPasskey(factor, passkeyCredential);
        } else {
            valid = smsCodes.matches(code, context(factor), factor.confirmCodeHash);
        }
        if (!valid) {
            attempts.failed(factor, now);
            Audit.event(AuditEvent.FACTOR_CONFIRMATION_FAILED, Outcome.FAILURE, sub, Map.of("factor", factor.id));
            if (factor.lockedAt(now)) {
                throw MfaProblems.locked(factor.lockedUntil);
            }
            int left = config.lockout().threshold() - factor.consecutiveFailures;
            throw passkey ? MfaProblems.assertionRejected(left) : MfaProblems.codeRejected(left);
        }
        if (firstFactor) {
            // The letter's code is spent by this confirmation, in its transaction: it binds exactly one first factor.
            activationCodes.spend(sub, factor.activationCodeId);
        }
        factor.status = Factor.ACTIVE;
        factor.confirmedAt = now;
        // Confirming is a use: the newest factor is the one offered first for the next approval.
        factor.lastUsedAt = now;
        factor.confirmCodeHash = null;
        factor.registrationChallenge = null;
        factor.pendingExpiresAt = null;
        factor.consecutiveFailures = 0;
        // Confirming a factor is SCA: possession shown with the new factor, knowledge with the sign-in.
        lastSca.record(sub, now);
        events.record(sub, SecurityEvent.FACTOR_ADDED, describe(factor));
        return factor;
    }

    /**
     * Verifies a new passkey and records it on its factor: false when it does not verify, a 409 when the credential is
     * registered already (its id is unique across all users; checked before anything is recorded).
     */
    private boolean registerPasskey(Factor factor, String credentialJson) {
        Passkeys.Credential credential;
        try {
            credential = passkeys.register(factor, credentialJson);
        } catch (Passkeys.Rejected e) {
            return false;
        }
        if (Factor.count("credentialId", credential.credentialId()) > 0) {
            throw MfaProblems.credentialInUse();
        }
        credential.applyTo(factor);
        return true;
    }

    /** The SMS could not be delivered: the pending factor it would confirm is dropped again. */
    @Transactional
    public void abandonPending(UUID factorId) {
        Factor.delete("id = ?1 and status = ?2", factorId, Factor.PENDING);
    }

    /**
     * Removes a factor. An active one needs a factor-change approval (a stolen session must not disable the second
     * factor); a pending one is only an unfinished enrolment and may be cancelled.
     */
    @Transactional
    public void remove(String sub, UUID factorId, ChangeAuthority authority) {
        Factor factor = Factor.findById(factorId, LockModeType.PESSIMISTIC_WRITE);
        if (factor == null || !factor.sub.equals(sub)) {
            throw MfaProblems.notFound("factor");
        }
        if (Factor.ACTIVE.equals(factor.status)) {
            approvals.approve(sub, authority.stepUpToken(), authority.authTime(), authority.activationCode());
            events.record(sub, SecurityEvent.FACTOR_REMOVED, describe(factor));
        } else {
            Audit.event(AuditEvent.FACTOR_ENROLMENT_CANCELLED, Outcome.SUCCESS, sub, Map.of("factor", factorId));
        }
        factor.delete();
    }

    OptionalLong matchingTotpStep(Factor factor, String code, Instant now) {
        Totp totp = new Totp(factor.totpAlgorithm, factor.totpDigits, java.time.Duration.ofSeconds(factor.totpPeriod));
        byte[] secret = Base64.getDecoder().decode(cipher.open(factor.secretCiphertext, context(factor)));
        OptionalLong step = totp.matchingStep(secret, code, now);
        // A code is accepted at most once per factor: its step must be newer than any accepted before.
        if (step.isPresent() && factor.lastAcceptedStep != null && step.getAsLong() <= factor.lastAcceptedStep) {
            return OptionalLong.empty();
        }
        return step;
    }

    String phoneNumber(Factor factor) {
        return cipher.open(factor.phoneCiphertext, context(factor));
    }

    static String context(Factor factor) {
        return "factor:" + factor.id;
    }

    /**
     * A pending factor, once the change is approved (which consumes a step-up, so only after the input is checked)
     * and the user has room for another unconfirmed enrolment.
     */
    private Factor newFactor(String sub, String type, String label, ChangeAuthority authority) {
        String cleanLabel = PaymentRules.normaliseText(label);
        if (cleanLabel.isEmpty() || cleanLabel.length() > 64 || PaymentRules.textProblem(cleanLabel, true).isPresent()) {
            throw MfaProblems.invalid("label", "is required, at most 64 readable characters");
        }
        FactorChangeApprovals.Approval approval = approvals.approve(sub, authority.stepUpToken(), authority.authTime(),
                authority.activationCode());
        Instant now = Instant.now();
        int maxPending = config.enrolment().maxPending();
        // Expired enrolments do not count (the purge job removes them, not this request).
        if (Factor.count("sub = ?1 and status = ?2 and pendingExpiresAt > ?3", sub, Factor.PENDING, now) >= maxPending) {
            throw MfaProblems.tooManyPending(maxPending);
        }
        limitEnrolments(sub, now);
        Factor factor = new Factor();
        factor.approvedBy = approval.approvedBy();
        factor.activationCodeId = approval.activationCodeId();
        factor.id = UUID.randomUUID();
        factor.sub = sub;
        factor.type = type;
        factor.label = cleanLabel;
        factor.status = Factor.PENDING;
        factor.createdAt = Instant.now();
        factor.pendingExpiresAt = factor.createdAt.plus(config.totp().pendingTtl());
        return factor;
    }

    /**
     * DESIGN 8: at most {@code mfa.enrolment.limit} enrolments started per user in its window (429 beyond). Each start is
     * recorded, so cancelling a pending factor does not give the try back. Under the user's lock (taken by the approval).
     */
    private void limitEnrolments(String sub, Instant now) {
        Instant since = now.minus(config.enrolment().window());
        if (EnrolmentStarted.count("sub = ?1 and startedAt > ?2", sub, since) >= config.enrolment().limit()) {
            Instant oldest = EnrolmentStarted.<EnrolmentStarted>find("sub = ?1 and startedAt > ?2 order by startedAt", sub, since)
                    .firstResult().startedAt;
            throw abuse.refuse("enrolments", sub, "Too many factors were set up recently; try again tomorrow.", oldest,
                    config.enrolment().window());
        }
        EnrolmentStarted started = new EnrolmentStarted();
        started.sub = sub;
        started.startedAt = now;
        started.persist();
    }

    private static String describe(Factor factor) {
        String kind = switch (factor.type) {
            case Factor.TOTP -> "Authenticator app";
            case Factor.PASSKEY -> "Passkey";
            default -> "SMS " + factor.phoneMasked;
        };
        return kind + " \"" + factor.label + "\"";
    }

    /** {@code +491511234567} → {@code +49 •••••••67}: enough to recognise, not to dial. */
    static String mask(String e164) {
        return e164.substring(0, 3) + " " + "•".repeat(e164.length() - 5) + e164.substring(e164.length() - 2);
    }
}
