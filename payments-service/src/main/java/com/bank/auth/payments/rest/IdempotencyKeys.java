package com.bank.auth.payments.rest;

import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;

/** The Idempotency-Key header of every write that must happen once (payments, beneficiaries): bank-common's pattern. */
final class IdempotencyKeys {

    private IdempotencyKeys() {
    }

    static void require(String idempotencyKey) {
        if (!PaymentRules.isIdempotencyKey(idempotencyKey)) {
            throw new ProblemException(Problem.of("idempotency-key-required", "Idempotency-Key required", 400,
                    "Send an Idempotency-Key header (8 to 128 letters, digits, '.', '_', ':' or '-'), the same on every retry."));
        }
    }
}
