package com.bank.auth.common.stepup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * What a step-up authorises (PSD2 dynamic linking), and its {@link #txn()}: the one shared implementation of DESIGN 5,
 * base64url (unpadded) of SHA-256 over the UTF-8 bytes of the canonical JSON, exactly these keys in this order, no
 * whitespace, amount with two decimals, IBAN upper-case without spaces, currency upper-case:
 * <ul>
 * <li>a payment ({@code purpose: payment}): {@code {"amount":"12000.00","creditorIban":"DE89...","currency":"EUR","idempotencyKey":"<key>"}};</li>
 * <li>a trusted beneficiary ({@code purpose: beneficiary}, DESIGN 5a, RTS Art. 13):
 * {@code {"creditorIban":"DE89...","idempotencyKey":"<key>"}} ({@link #beneficiary}).</li>
 * </ul>
 * The two can never hash alike: their texts differ in their first key. mfa-service puts the txn into the step-up
 * token; payments-service recomputes it from the request and compares.
 */
public record TransactionBinding(BigDecimal amount, String currency, String creditorIban, String idempotencyKey) {

    /** A payment's binding: every part is required. */
    public TransactionBinding {
        if (creditorIban == null || idempotencyKey == null || (amount == null) != (currency == null)) {
            throw new IllegalArgumentException("every part of the binding is required");
        }
        if (amount != null) {
            if (amount.scale() > 2) {
                // Rounding would silently authorise a different amount; the caller must validate first.
                throw new IllegalArgumentException("amount has more than two decimals");
            }
            amount = amount.setScale(2, RoundingMode.UNNECESSARY);
            currency = currency.toUpperCase(Locale.ROOT);
        }
        creditorIban = creditorIban.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** Trusting {@code creditorIban} as a beneficiary, asked for under {@code idempotencyKey}: no amount, no currency. */
    public static TransactionBinding beneficiary(String creditorIban, String idempotencyKey) {
        return new TransactionBinding(null, null, creditorIban, idempotencyKey);
    }

    /** True for a beneficiary binding ({@link #beneficiary}), false for a payment's. */
    public boolean isBeneficiary() {
        return amount == null;
    }

    /** The canonical JSON text the hash is computed over. */
    public String canonicalJson() {
        if (isBeneficiary()) {
            return "{\"creditorIban\":" + quoted(creditorIban) + ",\"idempotencyKey\":" + quoted(idempotencyKey) + "}";
        }
        return "{\"amount\":" + quoted(amount.toPlainString())
                + ",\"creditorIban\":" + quoted(creditorIban)
                + ",\"currency\":" + quoted(currency)
                + ",\"idempotencyKey\":" + quoted(idempotencyKey) + "}";
    }

    /** The {@code txn} claim value for this binding. */
    public String txn() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String quoted(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
