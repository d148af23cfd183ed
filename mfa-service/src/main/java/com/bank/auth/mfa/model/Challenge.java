package com.bank.auth.mfa.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One request for a second factor, bound to what it authorises (for payments: the txn hash). */
@Entity
@Table(name = "challenge")
public class Challenge extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String VERIFIED = "verified";
    public static final String DEAD = "dead";

    @Id
    public UUID id;

    @Column(nullable = false)
    public String sub;

    @Column(name = "factor_id", nullable = false)
    public UUID factorId;

    @Column(nullable = false)
    public String purpose;

    public String txn;

    /** What the user must be shown (amount, payee), as JSON. */
    @Column(name = "display_json", nullable = false)
    public String displayJson;

    @Column(nullable = false)
    public String status;

    @Column(name = "attempts_remaining", nullable = false)
    public int attemptsRemaining;

    @Column(name = "sms_code_hash")
    public String smsCodeHash;

    /** For a passkey: the WebAuthn challenge, base64url of 32 random bytes and SHA-256 of what it approves. */
    @Column(name = "webauthn_challenge")
    public String webauthnChallenge;

    /** For a passkey: the canonical JSON whose SHA-256 ends {@link #webauthnChallenge}. */
    @Column(name = "signed_text")
    public String signedText;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
