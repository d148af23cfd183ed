package com.bank.auth.common.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.bank.auth.common.config.InvalidConfigurationException;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.ConfigurationV0;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;

/**
 * AES-256-GCM with a key ring, so keys can rotate: new writes use the active key, older keys still decrypt. The AEAD
 * and the key selection are Google Tink's: the configured keys ({@code kid → 256-bit key}) become one Tink keyset, the
 * active key its primary, each key's Tink id derived from its {@code kid}; a ciphertext is {@code base64url(Tink's
 * output)}, which starts with the id of the key that wrote it. The caller's associated data binds a ciphertext to its
 * context (for example the session hash), so a ciphertext moved elsewhere does not decrypt. Tampering is an
 * exception, never garbage.
 * <p>
 * Ciphertexts written before Tink ({@code kid.base64url(nonce ‖ ciphertext ‖ tag)}, the same AES-GCM without Tink's
 * prefix) stay readable with the same keys: the TOTP secrets mfa-service keeps for years are never re-encrypted, and
 * sessions and login cookies of a rolling update keep working. They are told apart by the dot, which base64url never
 * writes. A ring made {@link #writingBeforeTink()} writes that older format, for the one rolling update that upgrades
 * from a release before Tink: its new pods then write what the old pods beside them can read.
 */
public final class AesGcmKeyRing {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    static {
        try {
            // Tink's AEAD key types and their serialisations, once per JVM (keysets are built from them).
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Aead ring;
    private final Map<String, Aead> beforeTink;
    private final String activeKeyId;
    private final Set<String> keyIds;
    private final boolean writeBeforeTink;

    private AesGcmKeyRing(Aead ring, Map<String, Aead> beforeTink, String activeKeyId, Set<String> keyIds, boolean writeBeforeTink) {
        this.ring = ring;
        this.beforeTink = beforeTink;
        this.activeKeyId = activeKeyId;
        this.keyIds = keyIds;
        this.writeBeforeTink = writeBeforeTink;
    }

    private AesGcmKeyRing(Map<String, byte[]> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active key id '" + activeKeyId + "' is not in the key ring " + keys.keySet());
        }
        try {
            KeysetHandle.Builder keyset = KeysetHandle.newBuilder();
            Map<String, Aead> legacy = new HashMap<>();
            Map<Integer, String> tinkIds = new HashMap<>();
            for (Map.Entry<String, byte[]> key : keys.entrySet()) {
                int tinkId = tinkId(key.getKey());
                String clash = tinkIds.putIfAbsent(tinkId, key.getKey());
                if (clash != null) {
                    throw new IllegalArgumentException("key ids '" + clash + "' and '" + key.getKey() + "' clash; rename one");
                }
                KeysetHandle.Builder.Entry entry = KeysetHandle.importKey(aesGcm(key.getValue(), AesGcmParameters.Variant.TINK, tinkId))
                        .setStatus(KeyStatus.ENABLED);
                keyset.addEntry(key.getKey().equals(activeKeyId) ? entry.makePrimary() : entry);
                legacy.put(key.getKey(), KeysetHandle.newBuilder()
                        .addEntry(KeysetHandle.importKey(aesGcm(key.getValue(), AesGcmParameters.Variant.NO_PREFIX, null)).withRandomId().makePrimary())
                        .build().getPrimitive(ConfigurationV0.get(), Aead.class));
            }
            this.ring = keyset.build().getPrimitive(ConfigurationV0.get(), Aead.class);
            this.beforeTink = Map.copyOf(legacy);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
        this.activeKeyId = activeKeyId;
        this.keyIds = Set.copyOf(keys.keySet());
        this.writeBeforeTink = false;
    }

    /**
     * The same ring, writing the format from before Tink ({@code kid.base64url(nonce ‖ ciphertext ‖ tag)}) and reading
     * both: only for the rollout that upgrades from a release before Tink (each service's
     * {@code *.write-before-tink-format}); the next rollout writes Tink's format again.
     */
    public AesGcmKeyRing writingBeforeTink() {
        return new AesGcmKeyRing(ring, beforeTink, activeKeyId, keyIds, true);
    }

    /**
     * Parses {@code kid:base64key} entries (standard or URL-safe Base64 of exactly 32 bytes).
     *
     * @throws IllegalArgumentException on a malformed entry, a key that is not 256 bits, or an unknown active id
     */
    public static AesGcmKeyRing parse(Iterable<String> entries, String activeKeyId) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
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
            keys.put(kid, raw);
        }
        return new AesGcmKeyRing(keys, activeKeyId);
    }

    /**
     * The ring a service's configuration describes: its {@code kid:base64key} entries and active id; without entries,
     * a throw-away key if {@code allowEphemeral} (dev, test), else a refusal to start naming the settings to set;
     * {@code writeBeforeTink}: see {@link #writingBeforeTink()}.
     *
     * @param settingPrefix the configuration prefix, e.g. {@code bank.sessions.encryption}, for the error message
     */
    public static AesGcmKeyRing fromSettings(java.util.Optional<java.util.List<String>> entries, java.util.Optional<String> activeKeyId,
            boolean allowEphemeral, boolean writeBeforeTink, String settingPrefix) {
        AesGcmKeyRing ring = ringFromSettings(entries, activeKeyId, allowEphemeral, settingPrefix);
        if (writeBeforeTink) {
            System.getLogger(AesGcmKeyRing.class.getName()).log(System.Logger.Level.WARNING, settingPrefix
                    + ".write-before-tink-format is on: writing the format from before Tink for this upgrade's rollout; turn it off in the next");
            return ring.writingBeforeTink();
        }
        return ring;
    }

    private static AesGcmKeyRing ringFromSettings(java.util.Optional<java.util.List<String>> entries, java.util.Optional<String> activeKeyId,
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
        return new AesGcmKeyRing(Map.of("ephemeral", raw), "ephemeral");
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keyIds;
    }

    public String encrypt(byte[] plaintext, byte[] associatedData) {
        try {
            if (writeBeforeTink) {
                return activeKeyId + "." + B64.encodeToString(beforeTink.get(activeKeyId).encrypt(plaintext, associatedData));
            }
            return B64.encodeToString(ring.encrypt(plaintext, associatedData));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws TamperedCiphertextException if the text is malformed, its key unknown, or it fails authentication */
    public byte[] decrypt(String sealedText, byte[] associatedData) {
        int dot = sealedText.indexOf('.');
        Aead aead = dot < 0 ? ring : beforeTink.get(sealedText.substring(0, dot));
        if (aead == null) {
            throw new TamperedCiphertextException("unknown key id or malformed ciphertext");
        }
        try {
            return aead.decrypt(B64D.decode(sealedText.substring(dot + 1)), associatedData);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new TamperedCiphertextException("ciphertext failed authentication");
        }
    }

    /** Tink's 32-bit id for a key: from its {@code kid}, so every replica configured alike gives the same key the same id. */
    private static int tinkId(String kid) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("bank-auth-suite key " + kid).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getInt();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static AesGcmKey aesGcm(byte[] raw, AesGcmParameters.Variant variant, Integer tinkId) throws GeneralSecurityException {
        AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                .setVariant(variant).build();
        return AesGcmKey.builder().setParameters(parameters).setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get()))
                .setIdRequirement(tinkId).build();
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
