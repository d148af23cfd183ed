package com.bank.auth.payments.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.payments.config.PaymentsConfig;
import com.bank.auth.payments.model.PaymentRequest;

/**
 * Turns a payment request into a {@link ValidPayment}, or a 422 problem naming every field that is wrong. The rules
 * themselves are bank-common's {@link PaymentRules}, the same ones mfa-service applies to what the user approves.
 */
@ApplicationScoped
public class PaymentValidator {

    /** A normalised, checked payment; {@link #requestHash()} identifies it for idempotency. */
    public record ValidPayment(String debtorIban, String creditorName, String creditorIban, BigDecimal amount,
            String currency, String remittance) {

        public String requestHash() {
            String canonical = String.join("\u0000", debtorIban, creditorName, creditorIban, amount.toPlainString(),
                    currency, remittance == null ? "" : remittance);
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final BigDecimal maxAmount;

    PaymentValidator(PaymentsConfig config) {
        this.maxAmount = config.maxAmount();
    }

    public ValidPayment validate(PaymentRequest request) {
        if (request == null) {
            throw invalid(List.of(error("body", "is required")));
        }
        List<Map<String, String>> errors = new ArrayList<>();
        PaymentRequest.Creditor creditor = request.creditor();
        String creditorName = creditor == null ? null : creditor.name();
        String creditorIban = creditor == null ? null : creditor.iban();
        check(errors, "debtorAccount", PaymentRules.ibanProblem(request.debtorAccount()));
        check(errors, "creditor.name", PaymentRules.textProblem(creditorName, true));
        check(errors, "creditor.iban", PaymentRules.ibanProblem(creditorIban));
        check(errors, "amount", PaymentRules.amountProblem(request.amount(), maxAmount));
        check(errors, "currency", PaymentRules.currencyProblem(request.currency()));
        check(errors, "remittance", PaymentRules.textProblem(request.remittance(), false));
        if (errors.isEmpty() && PaymentRules.normaliseIban(request.debtorAccount()).equals(PaymentRules.normaliseIban(creditorIban))) {
            // A debit to nowhere: the money would leave and arrive on the same account.
            errors.add(error("creditor.iban", "must not be the account the payment is made from"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        String remittance = PaymentRules.normaliseText(request.remittance());
        return new ValidPayment(PaymentRules.normaliseIban(request.debtorAccount()), PaymentRules.normaliseText(creditorName),
                PaymentRules.normaliseIban(creditorIban), PaymentRules.amount(request.amount()),
                PaymentRules.normaliseCurrency(request.currency()), remittance.isEmpty() ? null : remittance);
    }

    private static void check(List<Map<String, String>> errors, String field, Optional<String> problem) {
        problem.ifPresent(message -> errors.add(error(field, message)));
    }

    static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    static ProblemException invalid(List<Map<String, String>> errors) {
        return new ProblemException(Problem.of("invalid-payment", "Invalid payment", 422, "The payment has invalid fields.")
                .with(Map.of("errors", errors)));
    }
}
