package com.bank.auth.bff.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.common.config.ConfigRules;
import com.bank.auth.common.crypto.AesGcmKeyRing;

import io.quarkus.runtime.Startup;

/**
 * The BFF's cookie secrets: the key ring that encrypts the login-state cookie, and the HMAC key of CSRF tokens
 * (token = HMAC of the session handle, so it is valid for exactly one session and needs no storage).
 */
@Startup
@ApplicationScoped
public class CookieKeys {

    private final AesGcmKeyRing loginStateRing;
    private final SecretKeySpec csrfKey;

    CookieKeys(BffConfig config) {
        BffConfig.Cookies c = config.cookies();
        this.loginStateRing = AesGcmKeyRing.fromSettings(c.keys(), c.activeKeyId(), c.allowEphemeralKey(), c.writeBeforeTinkFormat(), "bff.cookies");
        byte[] raw = ConfigRules.secretKey("bff.cookies.csrf-key", c.csrfKey(), 256, c.allowEphemeralKey());
        this.csrfKey = new SecretKeySpec(raw, "HmacSHA256");
    }

    public String seal(String plaintext) {
        return loginStateRing.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), "bff-login-state".getBytes(StandardCharsets.UTF_8));
    }

    /** @throws AesGcmKeyRing.TamperedCiphertextException for anything this BFF did not write */
    public String open(String sealed) {
        return new String(loginStateRing.decrypt(sealed, "bff-login-state".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    public String csrfToken(String sessionHandle) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(csrfKey);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("csrf:" + sessionHandle).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean csrfTokenMatches(String sessionHandle, String token) {
        return token != null && MessageDigest.isEqual(csrfToken(sessionHandle).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }
}
