package com.bank.auth.payments.model;

/** {@code POST /beneficiaries} body; unknown fields are refused. Checked by the payment rules of bank-common. */
public record BeneficiaryRequest(String name, String iban) {
}
