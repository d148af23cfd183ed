package com.bank.auth.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.bank.auth.common.crypto.AesGcmKeyRing.TamperedCiphertextException;

class AesGcmKeyRingTest {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final byte[] AAD = "session-hash".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SECRET = "refresh-token-value".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripsWithTheActiveKeyAndAFreshNonceEachTime() {
        AesGcmKeyRing ring = AesGcmKeyRing.parse(List.of(K1, K2), "k2");
        String first = ring.encrypt(SECRET, AAD);
        String second = ring.encrypt(SECRET, AAD);
        assertTrue(first.startsWith("k2."));
        assertNotEquals(first, second, "a random nonce per write");
        assertArrayEquals(SECRET, ring.decrypt(first, AAD));
    }

    @Test
    void oldKeysStillDecryptAfterRotation() {
        String sealedWithK1 = AesGcmKeyRing.parse(List.of(K1), "k1").encrypt(SECRET, AAD);
        AesGcmKeyRing rotated = AesGcmKeyRing.parse(List.of(K1, K2), "k2");
        assertArrayEquals(SECRET, rotated.decrypt(sealedWithK1, AAD));
        assertTrue(rotated.encrypt(SECRET, AAD).startsWith("k2."));
    }

    @Test
    void otherAssociatedDataIsRefused() {
        AesGcmKeyRing ring = AesGcmKeyRing.parse(List.of(K1), "k1");
        String sealed = ring.encrypt(SECRET, AAD);
        assertThrows(TamperedCiphertextException.class, () -> ring.decrypt(sealed, "another-session".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyFlippedByteIsRefused() {
        AesGcmKeyRing ring = AesGcmKeyRing.parse(List.of(K1), "k1");
        String sealed = ring.encrypt(SECRET, AAD);
        byte[] blob = Base64.getUrlDecoder().decode(sealed.substring(3));
        for (int i = 0; i < blob.length; i++) {
            byte[] tampered = blob.clone();
            tampered[i] ^= 0x01;
            String text = "k1." + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThrows(TamperedCiphertextException.class, () -> ring.decrypt(text, AAD), "byte " + i);
        }
    }

    @Test
    void malformedOrUnknownKeyTextIsRefused() {
        AesGcmKeyRing ring = AesGcmKeyRing.parse(List.of(K1), "k1");
        for (String text : List.of("", "k1.", "k1.!!!", "k9.AAAA", "no-dot", "k1.AAAA")) {
            assertThrows(TamperedCiphertextException.class, () -> ring.decrypt(text, AAD), text);
        }
    }

    @Test
    void keysMustBe256BitsAndTheActiveIdKnown() {
        String shortKey = "s:" + Base64.getEncoder().encodeToString(new byte[16]);
        assertThrows(IllegalArgumentException.class, () -> AesGcmKeyRing.parse(List.of(shortKey), "s"));
        assertThrows(IllegalArgumentException.class, () -> AesGcmKeyRing.parse(List.of(K1), "k2"));
        assertThrows(IllegalArgumentException.class, () -> AesGcmKeyRing.parse(List.of("nocolon"), "nocolon"));
        assertEquals("k1", AesGcmKeyRing.parse(List.of(K1), "k1").activeKeyId());
    }
}
