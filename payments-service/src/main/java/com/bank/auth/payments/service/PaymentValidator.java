package com.bank.auth.payments.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.payments.config.PaymentsConfig;
import com.bank.auth.payments.model.PaymentRequest;

/** Turns a payment request into a {@link ValidPayment}, or a 422 problem naming every field that is wrong. */
@ApplicationScoped
public class PaymentValidator {

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

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
        Iban.problem(request.debtorAccount()).ifPresent(p -> errors.add(error("debtorAccount", p)));
        PaymentRequest.Creditor creditor = request.creditor();
        String creditorName = creditor == null || creditor.name() == null ? "" : creditor.name().strip();
        if (creditorName.isEmpty()) {
            errors.add(error("creditor.name", "is required"));
        } else if (creditorName.length() > 140) {
            errors.add(error("creditor.name", "must be at most 140 characters"));
        }
        Iban.problem(creditor == null ? null : creditor.iban()).ifPresent(p -> errors.add(error("creditor.iban", p)));
        BigDecimal amount = amount(request.amount(), errors);
        String currency = request.currency() == null ? "" : request.currency().toUpperCase(Locale.ROOT);
        if (!currency.matches("[A-Z]{3}") || !CURRENCIES.contains(currency)) {
            errors.add(error("currency", "must be an ISO 4217 currency code"));
        }
        if (request.remittance() != null && request.remittance().length() > 140) {
            errors.add(error("remittance", "must be at most 140 characters"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new ValidPayment(Iban.normalise(request.debtorAccount()), creditorName, Iban.normalise(creditor.iban()),
                amount, currency, request.remittance());
    }

    private BigDecimal amount(String text, List<Map<String, String>> errors) {
        if (text == null || !text.matches("[0-9]{1,16}(\\.[0-9]{1,2})?")) {
            errors.add(error("amount", "must be a positive decimal string with at most two decimals, e.g. \"12.50\""));
            return null;
        }
        BigDecimal amount = new BigDecimal(text).setScale(2);
        if (amount.signum() <= 0) {
            errors.add(error("amount", "must be greater than 0"));
        } else if (amount.compareTo(maxAmount) > 0) {
            errors.add(error("amount", "must be at most " + maxAmount.toPlainString()));
        }
        return amount;
    }

    static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    static ProblemException invalid(List<Map<String, String>> errors) {
        return new ProblemException(Problem.of("invalid-payment", "Invalid payment", 422, "The payment has invalid fields.")
                .with(Map.of("errors", errors)));
    }
}
