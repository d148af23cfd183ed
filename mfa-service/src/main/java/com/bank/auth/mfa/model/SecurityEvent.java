package com.bank.auth.mfa.model;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Something that changed the security of a user's account, shown to that user ("security events"). */
@Entity
@Table(name = "security_event")
public class SecurityEvent extends PanacheEntityBase {

    public static final String FACTOR_ADDED = "factor-added";
    public static final String FACTOR_REMOVED = "factor-removed";
    public static final String FACTOR_LOCKED = "factor-locked";
    /** A passkey's sign count did not move forward: it is locked until removed (issue 27). */
    public static final String PASSKEY_CLONE_SUSPECTED = "passkey-clone-suspected";
    public static final String SESSIONS_ENDED = "sessions-ended";
    public static final String ACTIVATION_LETTER_SENT = "activation-letter-sent";
    public static final String ACTIVATION_CODE_REFUSED = "activation-code-refused";
    public static final String ACTIVATION_CODE_VOIDED = "activation-code-voided";
    public static final String ACTIVATION_CODE_USED = "activation-code-used";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String sub;

    @Column(nullable = false)
    public String type;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** Human-readable, never secret: a factor's label and type, how many sessions ended. */
    public String detail;

    public static List<SecurityEvent> newestOf(String sub, int limit) {
        return find("sub = ?1 order by occurredAt desc, id desc", sub).page(0, limit).list();
    }
}
