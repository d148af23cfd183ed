package com.bank.auth.mfa.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** LOCAL DEMO ONLY: a letter the outbox "sent" (written only by the outbox adapter, never in production). */
@Entity
@Table(name = "letter_outbox")
public class OutboxLetter extends PanacheEntityBase {

    @Id
    @Column(name = "letter_id")
    public UUID letterId;

    @Column(nullable = false)
    public String sub;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    @Column(nullable = false)
    public String text;

    @Column(name = "activation_code", nullable = false)
    public String activationCode;
}
