package com.bank.auth.common.payment;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.iban4j.IbanFormatException;
import org.iban4j.IbanUtil;
import org.iban4j.InvalidCheckDigitException;
import org.iban4j.UnsupportedCountryException;

/**
 * The one implementation of the payment rules that payments-service (booking) and mfa-service (what the user
 * approves) both apply: amount, currency, IBAN (iban4j's country registry and ISO 7064 check digits), the texts a
 * user reads (names, remittance) and the Idempotency-Key. Each check answers why a value is wrong, or empty.
 */
public final class PaymentRules {

    /** The characters of an Idempotency-Key (and of every key derived from one, as session-service's step-up keys). */
    public static final String KEY_CHARACTERS = "[A-Za-z0-9._:-]";

    /** An Idempotency-Key: 8 to 128 characters of letters, digits and {@code . _ : -}. */
    public static final String IDEMPOTENCY_KEY = KEY_CHARACTERS + "{8,128}";

    /** The id of a payment, a beneficiary, a factor or a challenge in a path: a UUID in its canonical form. */
    private static final Pattern RESOURCE_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Longest creditor name or remittance text, in characters (SEPA: 140). */
    public static final int MAX_TEXT = 140;

    private static final Pattern IDEMPOTENCY_KEY_PATTERN = Pattern.compile(IDEMPOTENCY_KEY);
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,16}(\\.[0-9]{1,2})?");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    private PaymentRules() {
    }

    public static boolean isIdempotencyKey(String key) {
        return key != null && IDEMPOTENCY_KEY_PATTERN.matcher(key).matches();
    }

    /**
     * A resource's id (payment, beneficiary, factor, challenge) as a path names it, or empty for anything else (then:
     * 404, never a 400 that tells ids from non-ids apart). The one check of the BFF and payments-service.
     */
    public static java.util.Optional<java.util.UUID> resourceId(String id) {
        return id != null && RESOURCE_ID.matcher(id).matches() ? java.util.Optional.of(java.util.UUID.fromString(id))
                : java.util.Optional.empty();
    }

    /** Upper-case without spaces (what people paste: {@code de89 3704 0044 ...}). */
    public static String normaliseIban(String iban) {
        return iban == null ? "" : iban.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** Why {@code iban} is not a valid IBAN of a country iban4j knows, or empty. */
    public static Optional<String> ibanProblem(String iban) {
        String value = normaliseIban(iban);
        if (value.isEmpty()) {
            return Optional.of("is required");
        }
        try {
            IbanUtil.validate(value);
            return Optional.empty();
        } catch (UnsupportedCountryException e) {
            return Optional.of("country " + value.substring(0, Math.min(2, value.length())) + " does not use IBANs");
        } catch (InvalidCheckDigitException e) {
            return Optional.of("checksum does not match");
        } catch (IbanFormatException e) {
            return Optional.of("must be an IBAN: two letters, two check digits, then the country's account format");
        }
    }

    /** Why {@code text} is not a positive amount with at most two decimals and at most {@code max} (if given), or empty. */
    public static Optional<String> amountProblem(String text, BigDecimal max) {
        if (text == null || !AMOUNT.matcher(text).matches()) {
            return Optional.of("must be a positive decimal string with at most two decimals, e.g. \"12.50\"");
        }
        BigDecimal amount = new BigDecimal(text);
        if (amount.signum() <= 0) {
            return Optional.of("must be greater than 0");
        }
        if (max != null && amount.compareTo(max) > 0) {
            return Optional.of("must be at most " + max.toPlainString());
        }
        return Optional.empty();
    }

    /** A checked amount with exactly two decimals. */
    public static BigDecimal amount(String text) {
        return new BigDecimal(text).setScale(2);
    }

    public static String normaliseCurrency(String currency) {
        return currency == null ? "" : currency.toUpperCase(Locale.ROOT);
    }

    public static Optional<String> currencyProblem(String currency) {
        String value = normaliseCurrency(currency);
        return value.length() == 3 && CURRENCIES.contains(value) ? Optional.empty()
                : Optional.of("must be an ISO 4217 currency code");
    }

    /** NFC and without surrounding white space: the form that is checked, shown for approval and booked. */
    public static String normaliseText(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC).strip();
    }

    /**
     * Why a text a user will read (creditor name, remittance) is not acceptable, or empty. Control, format (bidi
     * overrides such as RLO/LRO, zero-width characters), line separators, private-use, surrogate and unassigned
     * characters are refused: what the user approves must read exactly as what is booked.
     */
    public static Optional<String> textProblem(String text, boolean required) {
        String value = normaliseText(text);
        if (value.isEmpty()) {
            return required ? Optional.of("is required") : Optional.empty();
        }
        if (value.codePointCount(0, value.length()) > MAX_TEXT) {
            return Optional.of("must be at most " + MAX_TEXT + " characters");
        }
        boolean clean = value.codePoints().allMatch(PaymentRules::readable);
        return clean ? Optional.empty() : Optional.of("must not contain control, formatting or unassigned characters");
    }

    private static boolean readable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
