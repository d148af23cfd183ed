package com.bank.auth.payments.model;

import java.time.Instant;
import java.util.UUID;

/** A trusted beneficiary as its owner sees it. */
public record BeneficiaryView(UUID id, String name, String iban, Instant createdAt) {

    public static BeneficiaryView of(Beneficiary b) {
        return new BeneficiaryView(b.id, b.name, b.iban, b.createdAt);
    }
}
