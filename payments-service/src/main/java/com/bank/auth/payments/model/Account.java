package com.bank.auth.payments.model;

import java.math.BigDecimal;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {

    @Id
    public String iban;

    @Column(name = "owner_sub", nullable = false)
    public String ownerSub;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, length = 3)
    public String currency;

    @Column(nullable = false, precision = 19, scale = 2)
    public BigDecimal balance;

    @Version
    public long version;

    /** Low-value payments exempt from SCA since this account's last SCA-approved one (RTS Art. 16), and their sum. */
    @Column(name = "sca_exempt_count", nullable = false)
    public int scaExemptCount;

    @Column(name = "sca_exempt_amount", nullable = false, precision = 19, scale = 2)
    public BigDecimal scaExemptAmount = BigDecimal.ZERO;

    public static List<Account> ownedBy(String sub) {
        return list("ownerSub = ?1 order by iban", sub);
    }
}
