package com.bank.auth.session.service;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

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

    private final AesGcmKeyRing ring;

    TokenCipher(SessionConfig config) {
        this.ring = keyRing(config.encryption());
    }

    static AesGcmKeyRing keyRing(SessionConfig.Encryption encryption) {
        return AesGcmKeyRing.fromSettings(encryption.keys(), encryption.activeKeyId(), encryption.allowEphemeralKey(),
                encryption.writeBeforeTinkFormat(), "bank.sessions.encryption");
    }

    public String seal(String plaintext, String associatedData) {
        return ring.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws AesGcmKeyRing.TamperedCiphertextException if the ciphertext is not one this ring wrote for that data */
    public String open(String sealed, String associatedData) {
        return new String(ring.decrypt(sealed, associatedData.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
