package com.bank.auth.mfa.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One factor enrolment started, for the daily limit per user (DESIGN 8); kept for the limit's window only. */
@Entity
@Table(name = "enrolment_started")
public class EnrolmentStarted extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String sub;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
}
