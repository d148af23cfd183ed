package com.bank.auth.payments.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "payment")
public class Payment extends PanacheEntityBase {

    public enum Status {
        BOOKED
    }

    @Id
    public UUID id;

    @Column(name = "owner_sub", nullable = false)
    public String ownerSub;

    @Column(name = "debtor_iban", nullable = false)
    public String debtorIban;

    @Column(name = "creditor_name", nullable = false)
    public String creditorName;

    @Column(name = "creditor_iban", nullable = false)
    public String creditorIban;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal amount;

    @Column(nullable = false, length = 3)
    public String currency;

    public String remittance;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "idempotency_key", nullable = false)
    public String idempotencyKey;

    @Column(name = "request_hash", nullable = false, length = 64)
    public String requestHash;

    @Column(name = "step_up_jti")
    public String stepUpJti;

    /** How the payment was authorised: {@code strong} or {@code exempt}; null for payments booked before DESIGN 5a. */
    @Column(name = "sca_method")
    public String scaMethod;

    @Column(name = "sca_exemption")
    public String scaExemption;

    /** The step-up's {@code amr} (space separated), for a strong one. */
    @Column(name = "sca_amr")
    public String scaAmr;
}
