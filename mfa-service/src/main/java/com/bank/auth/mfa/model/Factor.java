package com.bank.auth.mfa.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A user's second factor: a TOTP app, an SMS phone or a passkey. Secrets and phone numbers only encrypted; a passkey has
 * no secret here (its private key never leaves the authenticator).
 */
@Entity
@Table(name = "factor")
public class Factor extends PanacheEntityBase {

    public static final String TOTP = "totp";
    public static final String SMS = "sms";
    public static final String PASSKEY = "passkey";
    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String sub;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String label;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "pending_expires_at")
    public Instant pendingExpiresAt;

    /** AES-GCM ciphertext of the TOTP secret (associated data: the factor id). */
    @Column(name = "secret_ciphertext")
    public String secretCiphertext;

    @Column(name = "totp_algorithm")
    public String totpAlgorithm;

    @Column(name = "totp_digits")
    public Integer totpDigits;

    @Column(name = "totp_period")
    public Integer totpPeriod;

    /** AES-GCM ciphertext of the E.164 phone number. */
    @Column(name = "phone_ciphertext")
    public String phoneCiphertext;

    @Column(name = "phone_masked")
    public String phoneMasked;

    /** Keyed hash of the code that confirms a pending SMS factor; cleared when used. */
    @Column(name = "confirm_code_hash")
    public String confirmCodeHash;

    /** Highest TOTP step ever accepted: a code of that step or an earlier one is never accepted again. */
    @Column(name = "last_accepted_step")
    public Long lastAcceptedStep;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "locked_until")
    public Instant lockedUntil;

    /** How the enrolment was approved: {@code recent-login} (a first factor) or {@code step-up}. */
    @Column(name = "approved_by", nullable = false)
    public String approvedBy;

    /** For a first factor: the activation code its confirmation spends. */
    @Column(name = "activation_code_id")
    public java.util.UUID activationCodeId;

    /** A pending passkey's registration challenge (base64url, 32 random bytes); cleared when confirmed. */
    @Column(name = "registration_challenge")
    public String registrationChallenge;

    /** A passkey's credential id (base64url), unique across all users. */
    @Column(name = "credential_id")
    public String credentialId;

    /** A passkey's attested credential data (base64url: AAGUID, credential id, COSE public key) as registered. */
    @Column(name = "attested_credential")
    public String attestedCredential;

    /** The authenticator model a passkey reported (all zeros for most synced passkeys); not attested, display only. */
    public UUID aaguid;

    /** The highest signature counter a passkey presented: one that does not move forward suggests a clone. */
    @Column(name = "sign_count")
    public Long signCount;

    /** How the browser can reach a passkey's authenticator ({@code internal,hybrid,usb}…), as the browser reported. */
    public String transports;

    /** The passkey may be synced to other devices (WebAuthn BE flag), and is (BS flag). */
    @Column(name = "backup_eligible")
    public Boolean backupEligible;

    @Column(name = "backup_state")
    public Boolean backupState;

    public static List<Factor> ofUser(String sub) {
        return list("sub = ?1 and (status = ?2 or pendingExpiresAt > ?3) order by createdAt", sub, ACTIVE, Instant.now());
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
