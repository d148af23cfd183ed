package com.bank.auth.mfa.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.bank.auth.common.config.ConfigRules;
import com.bank.auth.mfa.config.MfaConfig;

import io.quarkus.runtime.Startup;

/**
 * Six-digit SMS codes, stored only as an HMAC under a server-side key and bound to what they confirm (the
 * challenge or factor id): a database dump gives neither the code nor, with 10^6 codes, a useful offline search.
 */
@Startup
@ApplicationScoped
public class SmsCodes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    SmsCodes(MfaConfig config) {
        if (config.sms().codeHmacKey().isEmpty() && config.encryption().allowEphemeralKey()) {
            Logger.getLogger(SmsCodes.class).warn("No mfa.sms.code-hmac-key: using a random key for this run only");
        }
        byte[] raw = ConfigRules.secretKey("mfa.sms.code-hmac-key", config.sms().codeHmacKey(), 256, config.encryption().allowEphemeralKey());
        this.key = new SecretKeySpec(raw, "HmacSHA256");
    }

    public String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    public String hash(String code, String context) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((context + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    public boolean matches(String code, String context, String storedHash) {
        if (code == null || storedHash == null || !code.matches("[0-9]{6}")) {
            return false;
        }
        return MessageDigest.isEqual(hash(code, context).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
