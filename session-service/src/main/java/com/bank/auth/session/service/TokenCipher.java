package com.bank.auth.session.service;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.bank.auth.common.crypto.AesGcmKeyRing;
import com.bank.auth.session.config.SessionConfig;

import io.quarkus.runtime.Startup;

/**
 * Encrypts what the store keeps about tokens. The key ring must be configured (the service refuses to start
 * without it) unless the profile allows a throw-away key, as dev and test do, saying so in the log.
 */
@Startup
@ApplicationScoped
public class TokenCipher {

    private static final Logger LOG = Logger.getLogger(TokenCipher.class);

    private final AesGcmKeyRing ring;

    TokenCipher(SessionConfig config) {
        this.ring = keyRing(config.encryption());
    }

    static AesGcmKeyRing keyRing(SessionConfig.Encryption encryption) {
        if (encryption.keys().isPresent() && !encryption.keys().get().isEmpty()) {
            String active = encryption.activeKeyId().orElseThrow(() -> new IllegalStateException(
                    "bank.sessions.encryption.active-key-id is required with bank.sessions.encryption.keys"));
            return AesGcmKeyRing.parse(encryption.keys().get(), active);
        }
        if (!encryption.allowEphemeralKey()) {
            throw new IllegalStateException("No token encryption key: set bank.sessions.encryption.keys and "
                    + "bank.sessions.encryption.active-key-id (BANK_SESSIONS_ENCRYPTION_KEYS / _ACTIVE_KEY_ID)");
        }
        LOG.warn("No token encryption key configured: using a random key for this run only "
                + "(bank.sessions.encryption.allow-ephemeral-key); sessions will not survive a restart");
        return AesGcmKeyRing.ephemeral();
    }

    public String seal(String plaintext, String associatedData) {
        return ring.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws AesGcmKeyRing.TamperedCiphertextException if the ciphertext is not one this ring wrote for that data */
    public String open(String sealed, String associatedData) {
        return new String(ring.decrypt(sealed, associatedData.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
