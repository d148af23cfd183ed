package com.bank.auth.common.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.bank.auth.common.config.InvalidConfigurationException;

/**
 * AES-256-GCM with a key ring ({@code kid → key}), so keys can rotate: new writes use the active key,
 * older keys still decrypt. Output is {@code kid.base64url(nonce ‖ ciphertext ‖ tag)}; a fresh 96-bit
 * random nonce per write; the caller's associated data binds a ciphertext to its context (for example the
 * session hash), so a ciphertext moved elsewhere does not decrypt. Tampering is an exception, never garbage.
 */
public final class AesGcmKeyRing {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private AesGcmKeyRing(Map<String, SecretKey> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active key id '" + activeKeyId + "' is not in the key ring " + keys.keySet());
        }
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    /**
     * Parses {@code kid:base64key} entries (standard or URL-safe Base64 of exactly 32 bytes).
     *
     * @throws IllegalArgumentException on a malformed entry, a key that is not 256 bits, or an unknown active id
     */
    public static AesGcmKeyRing parse(Iterable<String> entries, String activeKeyId) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("key ring entry must be kid:base64key");
            }
            String kid = entry.substring(0, colon).trim();
            byte[] raw = decodeKey(entry.substring(colon + 1).trim());
            if (raw.length != 32) {
                throw new IllegalArgumentException("key '" + kid + "' must be 256 bits, is " + raw.length * 8);
            }
            keys.put(kid, new SecretKeySpec(raw, "AES"));
        }
        return new AesGcmKeyRing(keys, activeKeyId);
    }

    /**
     * The ring a service's configuration describes: its {@code kid:base64key} entries and active id; without entries,
     * a throw-away key if {@code allowEphemeral} (dev, test), else a refusal to start naming the settings to set.
     *
     * @param settingPrefix the configuration prefix, e.g. {@code bank.sessions.encryption}, for the error message
     */
    public static AesGcmKeyRing fromSettings(java.util.Optional<java.util.List<String>> entries, java.util.Optional<String> activeKeyId,
            boolean allowEphemeral, String settingPrefix) {
        if (entries.isPresent() && !entries.get().isEmpty()) {
            String active = activeKeyId.orElseThrow(() -> new InvalidConfigurationException(settingPrefix + ".active-key-id",
                    "required with " + settingPrefix + ".keys"));
            try {
                return parse(entries.get(), active);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(settingPrefix + ".keys", e.getMessage());
            }
        }
        if (!allowEphemeral) {
            throw new InvalidConfigurationException(settingPrefix + ".keys", "missing: set " + settingPrefix + ".keys (kid:base64 of 32 random bytes) and "
                    + settingPrefix + ".active-key-id");
        }
        System.getLogger(AesGcmKeyRing.class.getName()).log(System.Logger.Level.WARNING,
                "No encryption key in " + settingPrefix + ": using a random key for this run only; data encrypted now will not "
                        + "be readable after a restart (" + settingPrefix + ".allow-ephemeral-key)");
        return ephemeral();
    }

    /** A ring with one random key: only for dev and test, where nothing must survive a restart. */
    public static AesGcmKeyRing ephemeral() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return new AesGcmKeyRing(Map.of("ephemeral", new SecretKeySpec(raw, "AES")), "ephemeral");
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    public String encrypt(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return activeKeyId + "." + B64.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws TamperedCiphertextException if the text is malformed, its key unknown, or it fails authentication */
    public byte[] decrypt(String sealedText, byte[] associatedData) {
        int dot = sealedText.indexOf('.');
        SecretKey key = dot < 1 ? null : keys.get(sealedText.substring(0, dot));
        if (key == null) {
            throw new TamperedCiphertextException("unknown key id or malformed ciphertext");
        }
        try {
            byte[] blob = B64D.decode(sealedText.substring(dot + 1));
            if (blob.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new TamperedCiphertextException("ciphertext too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES);
        } catch (AEADBadTagException | IllegalArgumentException e) {
            throw new TamperedCiphertextException("ciphertext failed authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    private static byte[] decodeKey(String text) {
        try {
            return text.contains("-") || text.contains("_") ? B64D.decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key is not Base64");
        }
    }

    /** A ciphertext that is not what this ring wrote: tampered, truncated, moved, or from a retired key. */
    public static final class TamperedCiphertextException extends RuntimeException {
        public TamperedCiphertextException(String message) {
            super(message, null, false, false);
        }
    }
}
