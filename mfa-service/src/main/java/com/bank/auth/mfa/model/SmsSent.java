package com.bank.auth.mfa.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One SMS sent, for the send limits: per user, per destination number, in all. */
@Entity
@Table(name = "sms_sent")
public class SmsSent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String sub;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    /** Keyed hash of the destination number (the per-number limit without storing the number). */
    @Column(name = "destination_hash")
    public String destinationHash;
}
