package com.bank.auth.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /**
     * Written by the key ring before Tink (commit c440f95, {@code kid.base64url(nonce ‖ ciphertext ‖ tag)}) with K2: a
     * session's tokens under AAD "session-hash", and a TOTP secret as mfa-service keeps it under "factor:7d1b5f7e".
     */
    private static final String BEFORE_TINK_TOKENS = "k2.aolggVHycf2q5-d7ASyunuLgsLiABeHCpGb11FWqx1ctEwejtrR2DLNy9oGiB0s";
    private static final String BEFORE_TINK_TOTP_SECRET = "k2.zybM7TLcI63hImn2leHIdJSsBr1EmvHyWIz9_AmnN5OV38bm5EHqV8ozn90";

    @Test
    void roundTripsWithTheActiveKeyAndAFreshNonceEachTime() {
        AesGcmKeyRing ring = AesGcmKeyRing.parse(List.of(K1, K2), "k2");
        String first = ring.encrypt(SECRET, AAD);
        String second = ring.encrypt(SECRET, AAD);
        assertNotEquals(first, second, "a random nonce per write");
        assertArrayEquals(SECRET, ring.decrypt(first, AAD));
        assertFalse(first.contains("."), "Tink's format, never mistaken for one from before it");
    }

    @Test
    void whatWasWrittenBeforeTinkStaysReadable() {
        AesGcmKeyRing ring = AesGcmKeyRing.parse(List.of(K1, K2), "k1");
        assertArrayEquals(SECRET, ring.decrypt(BEFORE_TINK_TOKENS, AAD));
        assertEquals("JBSWY3DPEHPK3PXP", new String(ring.decrypt(BEFORE_TINK_TOTP_SECRET, "factor:7d1b5f7e".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8));
        // Still bound to its context and its key: moved, or with its key retired, it is refused.
        assertThrows(TamperedCiphertextException.class, () -> ring.decrypt(BEFORE_TINK_TOKENS, "another-session".getBytes(StandardCharsets.UTF_8)));
        assertThrows(TamperedCiphertextException.class, () -> AesGcmKeyRing.parse(List.of(K1), "k1").decrypt(BEFORE_TINK_TOKENS, AAD));
        assertThrows(TamperedCiphertextException.class, () -> ring.decrypt("k1" + BEFORE_TINK_TOKENS.substring(2), AAD), "another key's id");
    }

    /** During the upgrade's rollout new pods write what old pods read: AES-GCM of the active key, nonce ‖ ciphertext ‖ tag. */
    @Test
    void aRingForTheUpgradeWritesTheFormatFromBeforeTinkAndReadsBoth() throws Exception {
        AesGcmKeyRing upgrading = AesGcmKeyRing.parse(List.of(K1, K2), "k2").writingBeforeTink();
        String sealed = upgrading.encrypt(SECRET, AAD);
        assertTrue(sealed.startsWith("k2."), sealed);
        byte[] blob = Base64.getUrlDecoder().decode(sealed.substring(3));
        javax.crypto.Cipher plainJce = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        plainJce.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(Base64.getDecoder().decode(K2.substring(3)), "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, blob, 0, 12));
        plainJce.updateAAD(AAD);
        assertArrayEquals(SECRET, plainJce.doFinal(blob, 12, blob.length - 12), "what the ring from before Tink decrypts");
        assertArrayEquals(SECRET, upgrading.decrypt(AesGcmKeyRing.parse(List.of(K2), "k2").encrypt(SECRET, AAD), AAD), "and it reads Tink's");
        assertArrayEquals(SECRET, upgrading.decrypt(BEFORE_TINK_TOKENS, AAD));
    }

    @Test
    void oldKeysStillDecryptAfterRotationAndTheActiveOneWrites() {
        String sealedWithK1 = AesGcmKeyRing.parse(List.of(K1), "k1").encrypt(SECRET, AAD);
        AesGcmKeyRing rotated = AesGcmKeyRing.parse(List.of(K1, K2), "k2");
        assertArrayEquals(SECRET, rotated.decrypt(sealedWithK1, AAD));
        String sealedWithK2 = rotated.encrypt(SECRET, AAD);
        assertArrayEquals(SECRET, AesGcmKeyRing.parse(List.of(K2), "k2").decrypt(sealedWithK2, AAD), "written with the active key");
        assertThrows(TamperedCiphertextException.class, () -> AesGcmKeyRing.parse(List.of(K1), "k1").decrypt(sealedWithK2, AAD));
    }

    @Test
    void aKeyIsKnownByItsIdNotByTheOrderOfTheRing() {
        String sealed = AesGcmKeyRing.parse(List.of(K1, K2), "k2").encrypt(SECRET, AAD);
        assertArrayEquals(SECRET, AesGcmKeyRing.parse(List.of(K2, K1), "k1").decrypt(sealed, AAD));
        // The same key bytes under another id are another key: ids are part of what was written.
        String k2Renamed = "k3" + K2.substring(2);
        assertThrows(TamperedCiphertextException.class, () -> AesGcmKeyRing.parse(List.of(k2Renamed), "k3").decrypt(sealed, AAD));
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
        for (String sealed : List.of(ring.encrypt(SECRET, AAD), BEFORE_TINK_TOKENS)) {
            AesGcmKeyRing reader = sealed.contains(".") ? AesGcmKeyRing.parse(List.of(K2), "k2") : ring;
            String prefix = sealed.contains(".") ? "k2." : "";
            byte[] blob = Base64.getUrlDecoder().decode(sealed.substring(prefix.length()));
            for (int i = 0; i < blob.length; i++) {
                byte[] tampered = blob.clone();
                tampered[i] ^= 0x01;
                String text = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
                assertThrows(TamperedCiphertextException.class, () -> reader.decrypt(text, AAD), prefix + "byte " + i);
            }
        }
    }

    @Test
    void malformedOrUnknownKeyTextIsRefused() {
        AesGcmKeyRing ring = AesGcmKeyRing.parse(List.of(K1), "k1");
        for (String text : List.of("", "k1.", "k1.!!!", "k9.AAAA", "no-dot", "k1.AAAA", "AAAA", "!!!")) {
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
