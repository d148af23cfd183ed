package com.bank.auth.mfa.service;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.crypto.AesGcmKeyRing;
import com.bank.auth.mfa.config.MfaConfig;

import io.quarkus.runtime.Startup;

/** Encrypts TOTP secrets and phone numbers at rest, bound to their factor (associated data). */
@Startup
@ApplicationScoped
public class SecretCipher {

    private final AesGcmKeyRing ring;

    SecretCipher(MfaConfig config) {
        MfaConfig.Encryption e = config.encryption();
        this.ring = AesGcmKeyRing.fromSettings(e.keys(), e.activeKeyId(), e.allowEphemeralKey(), e.writeBeforeTinkFormat(), "mfa.encryption");
    }

    public String seal(String plaintext, String context) {
        return ring.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context.getBytes(StandardCharsets.UTF_8));
    }

    public String open(String sealed, String context) {
        return new String(ring.decrypt(sealed, context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
