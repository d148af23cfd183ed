package com.bank.auth.payments.model;

import java.time.Instant;
import java.util.UUID;

/** A payment as its owner sees it, with how it was authorised ({@code sca}, DESIGN 5a). */
public record PaymentView(UUID id, String status, String debtorAccount, PaymentRequest.Creditor creditor, String amount,
        String currency, String remittance, Instant createdAt, Authorisation sca) {

    public static PaymentView of(Payment p) {
        return new PaymentView(p.id, p.status.name(), p.debtorIban, new PaymentRequest.Creditor(p.creditorName, p.creditorIban),
                p.amount.toPlainString(), p.currency, p.remittance, p.createdAt, Authorisation.of(p));
    }
}
