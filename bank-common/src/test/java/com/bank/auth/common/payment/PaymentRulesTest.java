package com.bank.auth.common.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentRulesTest {

    /** Registry examples of countries outside the old hand-kept list of 37. */
    @ParameterizedTest
    @ValueSource(strings = { "TR330006100519786457841326", "SA0380000000608010167519", "AE070331234567890123456",
            "BR1800360305000010009795493C1", "QA58DOHB00001234567890ABCDEFG", "KW81CBKU0000000000001234560101",
            "JO94CBJO0010000000000131000302", "PK36SCBL0000001123456702", "IL620108000000099999999",
            "UA213223130000026007233566001", "GE29NB0000000101904917", "AZ21NABZ00000000137010001944",
            "BH67BMAG00001299123456", "DE89 3704 0044 0532 0130 00", "de89370400440532013000" })
    void acceptsValidIbansOfMoreCountries(String iban) {
        assertEquals(Optional.empty(), PaymentRules.ibanProblem(iban), iban);
    }

    @Test
    void refusesBadChecksumsFormatsAndCountriesWithoutIbans() {
        assertEquals(Optional.of("checksum does not match"), PaymentRules.ibanProblem("DE89370400440532013001"));
        assertEquals(Optional.of("checksum does not match"), PaymentRules.ibanProblem("TR340006100519786457841326"));
        assertTrue(PaymentRules.ibanProblem("DE8937040044053201300").isPresent(), "one character short");
        assertTrue(PaymentRules.ibanProblem("US12345678901234567890").isPresent(), "the US has no IBANs");
        assertTrue(PaymentRules.ibanProblem("").isPresent());
        assertTrue(PaymentRules.ibanProblem(null).isPresent());
        assertTrue(PaymentRules.ibanProblem("DE89-3704").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Evil\u202ECorp", "Evil\u202DCorp", "Pay\u200Bme", "Line\nbreak", "Tab\there", "Nul\u0000",
            "Bell\u0007", "Sep\u2028arator", "Private\uE000", "Unassigned\u0378", "Iso\u2066late\u2069", "Lone\uD800" })
    void refusesControlFormatAndUnassignedCharacters(String text) {
        assertTrue(PaymentRules.textProblem(text, true).isPresent(), () -> text.codePoints()
                .mapToObj(Integer::toHexString).toList().toString());
    }

    @Test
    void acceptsPeoplesNamesInAnyScriptAndNormalisesToNfc() {
        assertEquals(Optional.empty(), PaymentRules.textProblem("Jürgen Müller GmbH & Co. KG", true));
        assertEquals(Optional.empty(), PaymentRules.textProblem("شركة الأمل", true));
        assertEquals(Optional.empty(), PaymentRules.textProblem("Zoë 张伟 Ørsted", true));
        // "e" + combining acute becomes the single character "é".
        assertEquals("Caf\u00E9", PaymentRules.normaliseText("  Cafe\u0301 "));
        assertEquals(Optional.of("is required"), PaymentRules.textProblem("   ", true));
        assertEquals(Optional.empty(), PaymentRules.textProblem(null, false));
        assertTrue(PaymentRules.textProblem("x".repeat(141), true).isPresent());
        assertFalse(PaymentRules.textProblem("x".repeat(140), true).isPresent());
    }

    @Test
    void amountsCurrenciesAndKeys() {
        assertEquals(Optional.empty(), PaymentRules.amountProblem("12000.5", new BigDecimal("1000000.00")));
        assertEquals(new BigDecimal("12000.50"), PaymentRules.amount("12000.5"));
        assertTrue(PaymentRules.amountProblem("0.00", null).isPresent());
        assertTrue(PaymentRules.amountProblem("-1", null).isPresent());
        assertTrue(PaymentRules.amountProblem("1.001", null).isPresent());
        assertTrue(PaymentRules.amountProblem("1000000.01", new BigDecimal("1000000.00")).isPresent());
        assertEquals(Optional.empty(), PaymentRules.currencyProblem("eur"));
        assertTrue(PaymentRules.currencyProblem("XYZ").isPresent());
        assertTrue(PaymentRules.isIdempotencyKey("pay-2026-11-23.001"));
        assertFalse(PaymentRules.isIdempotencyKey("a b c d e f"));
        assertFalse(PaymentRules.isIdempotencyKey("short"));
    }

    @Test
    void aResourceIdIsACanonicalUuidAndNothingElse() {
        assertEquals(java.util.Optional.of(java.util.UUID.fromString("3f1c2a52-6d0b-4a3e-9f43-0a11ce000001")),
                PaymentRules.resourceId("3f1c2a52-6d0b-4a3e-9f43-0a11ce000001"));
        for (String notAnId : new String[] { null, "", "1-1-1-1-1", "3f1c2a52-6d0b-4a3e-9f43-0a11ce00000", "..%2f", "3f1c2a52-6d0b-4a3e-9f43-0a11ce000001x" }) {
            assertEquals(java.util.Optional.empty(), PaymentRules.resourceId(notAnId), String.valueOf(notAnId));
        }
    }
}
