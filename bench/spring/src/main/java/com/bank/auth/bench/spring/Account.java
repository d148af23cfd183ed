package com.bank.auth.bench.spring;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** payments-service's own table ({@code payments.account}, its Flyway schema), read as it is: this app writes nothing. */
@Entity
@Table(name = "account", schema = "payments")
public class Account {

    @Id
    String iban;

    @Column(name = "owner_sub", nullable = false)
    String ownerSub;

    @Column(nullable = false)
    String name;

    @Column(nullable = false, length = 3)
    String currency;

    @Column(nullable = false, precision = 19, scale = 2)
    BigDecimal balance;
}
