package com.bank.auth.mfa.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The evidence of one passkey approval, kept for {@code mfa.passkey.evidence-retention} after its challenge is purged:
 * the bytes the authenticator signed and the browser sent (base64url, exactly as received), the public key that
 * verifies them (the factor may be removed later), and what was approved. The signature covers
 * {@code authenticatorData || SHA-256(clientDataJSON)}; {@code clientDataJSON.challenge} is {@link #webauthnChallenge},
 * whose last 32 bytes are SHA-256 of {@link #signedText}: for a payment, its binding, whose hash is also {@link #txn}.
 */
@Entity
@Table(name = "passkey_approval")
public class PasskeyApproval extends PanacheEntityBase {

    @Id
    @Column(name = "challenge_id")
    public UUID challengeId;

    @Column(nullable = false)
    public String sub;

    @Column(name = "factor_id", nullable = false)
    public UUID factorId;

    @Column(nullable = false)
    public String purpose;

    public String txn;

    /** The canonical JSON the challenge's last 32 bytes hash (DESIGN 5's binding for a payment or a beneficiary). */
    @Column(name = "signed_text", nullable = false)
    public String signedText;

    @Column(name = "webauthn_challenge", nullable = false)
    public String webauthnChallenge;

    @Column(name = "credential_id", nullable = false)
    public String credentialId;

    @Column(name = "public_key_cose", nullable = false)
    public String publicKeyCose;

    @Column(name = "authenticator_data", nullable = false)
    public String authenticatorData;

    @Column(name = "client_data_json", nullable = false)
    public String clientDataJson;

    @Column(nullable = false)
    public String signature;

    /** base64url SHA-256 of the assertion JSON as the BFF forwarded it: what the audit log names. */
    @Column(name = "assertion_hash", nullable = false)
    public String assertionHash;

    /** The step-up token this approval produced; payments-service records it with the payment. */
    @Column(name = "step_up_jti", nullable = false)
    public String stepUpJti;

    @Column(name = "approved_at", nullable = false)
    public Instant approvedAt;
}
