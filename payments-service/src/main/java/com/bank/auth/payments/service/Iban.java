package com.bank.auth.payments.service;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** ISO 13616 IBANs: country length and the mod-97 check (ISO 7064). */
public final class Iban {

    /** IBAN lengths of the SEPA countries (and a few more); an unknown country is refused. */
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("CH", 21),
            Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GI", 23),
            Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IS", 26),
            Map.entry("IT", 27), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
            Map.entry("MC", 27), Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28),
            Map.entry("PT", 25), Map.entry("RO", 24), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24),
            Map.entry("SM", 27), Map.entry("VA", 22));

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Iban() {
    }

    /** Upper-case without spaces. */
    public static String normalise(String iban) {
        return iban == null ? "" : iban.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** Why {@code iban} is not valid, or empty when it is. */
    public static Optional<String> problem(String iban) {
        String value = normalise(iban);
        if (!value.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}")) {
            return Optional.of("must be an IBAN (two letters, two check digits, then letters and digits)");
        }
        Integer length = LENGTHS.get(value.substring(0, 2));
        if (length == null) {
            return Optional.of("country " + value.substring(0, 2) + " is not supported");
        }
        if (value.length() != length) {
            return Optional.of("a " + value.substring(0, 2) + " IBAN has " + length + " characters");
        }
        StringBuilder digits = new StringBuilder();
        for (char c : (value.substring(4) + value.substring(0, 4)).toCharArray()) {
            digits.append(Character.digit(c, 36));
        }
        if (!new BigInteger(digits.toString()).mod(NINETY_SEVEN).equals(BigInteger.ONE)) {
            return Optional.of("checksum does not match");
        }
        return Optional.empty();
    }
}
