package com.bank.auth.mfa.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** LOCAL DEMO ONLY: a text message the outbox "sent" (written only by the outbox adapter, never in production). */
@Entity
@Table(name = "sms_outbox")
public class OutboxSms extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String sub;

    @Column(name = "to_number", nullable = false)
    public String toNumber;

    @Column(nullable = false)
    public String text;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;
}
