package com.bank.auth.payments.model;

/**
 * {@code POST /payments} body. Amounts are decimal strings ("12000.00"); unknown fields are refused
 * ({@code quarkus.jackson.fail-on-unknown-properties}). Checked by {@code PaymentValidator}.
 */
public record PaymentRequest(String debtorAccount, Creditor creditor, String amount, String currency, String remittance) {

    public record Creditor(String name, String iban) {
    }
}
