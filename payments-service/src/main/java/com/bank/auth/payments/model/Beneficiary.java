package com.bank.auth.payments.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A payee the customer trusts (RTS Art. 13): payments to it need no SCA up to the high-value amount. */
@Entity
@Table(name = "beneficiary")
public class Beneficiary extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "owner_sub", nullable = false)
    public String ownerSub;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String iban;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(name = "step_up_jti", nullable = false)
    public String stepUpJti;

    public static List<Beneficiary> ownedBy(String sub) {
        return list("ownerSub = ?1 order by name, createdAt", sub);
    }

    public static boolean isTrusted(String sub, String iban) {
        return count("ownerSub = ?1 and iban = ?2", sub, iban) > 0;
    }
}
