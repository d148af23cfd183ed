package com.bank.auth.mfa.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A user's second factor (TOTP app or SMS phone). Only the columns read so far are mapped. */
@Entity
@Table(name = "factor")
public class Factor extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String sub;

    /** {@code totp} or {@code sms}. */
    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String label;

    /** {@code pending} until confirmed with a valid code, then {@code active}. */
    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    public static List<Factor> ofUser(String sub) {
        return list("sub = ?1 order by createdAt", sub);
    }
}
