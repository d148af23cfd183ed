package com.bank.auth.common.stepup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class TransactionBindingTest {

    private static final String KEY = "3f1e2d4c-0000-4000-8000-000000000001";

    @Test
    void canonicalJsonIsExactlyTheDesignedText() {
        TransactionBinding binding = new TransactionBinding(new BigDecimal("12000"), "eur", "de89 3704 0044 0532 0130 00", KEY);
        assertEquals("{\"amount\":\"12000.00\",\"creditorIban\":\"DE89370400440532013000\",\"currency\":\"EUR\",\"idempotencyKey\":\""
                + KEY + "\"}", binding.canonicalJson());
    }

    @Test
    void txnIsUnpaddedBase64UrlOfSha256OfTheCanonicalJson() throws Exception {
        TransactionBinding binding = new TransactionBinding(new BigDecimal("12000.00"), "EUR", "DE89370400440532013000", KEY);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(binding.canonicalJson().getBytes(StandardCharsets.UTF_8));
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(digest), binding.txn());
        assertEquals(43, binding.txn().length());
    }

    @Test
    void equivalentSpellingsBindTheSameAndAnyChangeBindsDifferently() {
        String txn = new TransactionBinding(new BigDecimal("12000.0"), "EUR", "DE89370400440532013000", KEY).txn();
        assertEquals(txn, new TransactionBinding(new BigDecimal("12000.00"), "eur", "de89370400440532013000", KEY).txn());
        assertNotEquals(txn, new TransactionBinding(new BigDecimal("12000.01"), "EUR", "DE89370400440532013000", KEY).txn());
        assertNotEquals(txn, new TransactionBinding(new BigDecimal("12000.00"), "USD", "DE89370400440532013000", KEY).txn());
        assertNotEquals(txn, new TransactionBinding(new BigDecimal("12000.00"), "EUR", "DE12500105170648489890", KEY).txn());
        assertNotEquals(txn, new TransactionBinding(new BigDecimal("12000.00"), "EUR", "DE89370400440532013000", KEY + "x").txn());
    }

    @Test
    void keysThatLookLikeJsonCannotForgeAnotherBinding() {
        String sneaky = "k\",\"amount\":\"1.00";
        TransactionBinding binding = new TransactionBinding(new BigDecimal("5.00"), "EUR", "DE89370400440532013000", sneaky);
        assertEquals("{\"amount\":\"5.00\",\"creditorIban\":\"DE89370400440532013000\",\"currency\":\"EUR\",\"idempotencyKey\":\"k\\\",\\\"amount\\\":\\\"1.00\"}",
                binding.canonicalJson());
    }

    @Test
    void overPreciseAmountsAreRefusedNotRounded() {
        assertThrows(IllegalArgumentException.class,
                () -> new TransactionBinding(new BigDecimal("1.005"), "EUR", "DE89370400440532013000", KEY));
    }

    @Test
    void aBeneficiaryBindingIsItsIbanAndKeyOnly() throws Exception {
        TransactionBinding binding = TransactionBinding.beneficiary("de89 3704 0044 0532 0130 00", KEY);
        assertEquals("{\"creditorIban\":\"DE89370400440532013000\",\"idempotencyKey\":\"" + KEY + "\"}", binding.canonicalJson());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(binding.canonicalJson().getBytes(StandardCharsets.UTF_8));
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(digest), binding.txn());
        assertNotEquals(binding.txn(), TransactionBinding.beneficiary("DE12500105170648489890", KEY).txn());
        assertNotEquals(binding.txn(), TransactionBinding.beneficiary("DE89370400440532013000", KEY + "x").txn());
    }

    @Test
    void aPaymentBindingNeedsBothAmountAndCurrency() {
        assertThrows(IllegalArgumentException.class, () -> new TransactionBinding(new BigDecimal("1.00"), null, "DE89370400440532013000", KEY));
        assertThrows(IllegalArgumentException.class, () -> new TransactionBinding(null, "EUR", "DE89370400440532013000", KEY));
        assertThrows(IllegalArgumentException.class, () -> TransactionBinding.beneficiary(null, KEY));
    }
}
