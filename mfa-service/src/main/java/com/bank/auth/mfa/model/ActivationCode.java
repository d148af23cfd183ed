package com.bank.auth.mfa.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The one-time code of an activation letter, as a keyed hash only (DESIGN 5). At most one per user is active. */
@Entity
@Table(name = "activation_code")
public class ActivationCode extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    /** A newer letter, or too many wrong tries. */
    public static final String VOIDED = "voided";
    /** Confirmed a first factor. */
    public static final String SPENT = "spent";

    /** Also the letter's id: one code, one letter. */
    @Id
    public UUID id;

    @Column(nullable = false)
    public String sub;

    @Column(name = "code_hash", nullable = false)
    public String codeHash;

    @Column(nullable = false)
    public String status;

    @Column(name = "failed_attempts", nullable = false)
    public int failedAttempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "ended_at")
    public Instant endedAt;
}
