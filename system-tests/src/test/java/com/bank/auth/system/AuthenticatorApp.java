package com.bank.auth.system;

import java.net.URI;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/** What a user's authenticator app does with an enrolment URI: read the secret, show codes (SHA1, 6 digits, 30 s). */
final class AuthenticatorApp {

    private AuthenticatorApp() {
    }

    static byte[] secretOf(String otpauthUri) {
        for (String pair : URI.create(otpauthUri).getQuery().split("&")) {
            if (pair.startsWith("secret=")) {
                return new Base32().decode(pair.substring(7));
            }
        }
        throw new IllegalStateException("no secret in the enrolment URI");
    }

    /**
     * The previous step's code, which a test confirms a factor with so that the current step's stays unused for the
     * step-up that follows; taken early enough in the step that it is still the previous one when it arrives.
     */
    static String previousCode(byte[] secret) {
        com.bank.auth.testing.TotpSteps.awaitEarlyInStep();
        return code(secret, -1);
    }

    /** The code of the current step plus {@code stepOffset} (the service accepts -1, 0 and +1, each once). */
    static String code(byte[] secret, int stepOffset) {
        try {
            return String.format("%06d", new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6)
                    .generateOneTimePassword(new SecretKeySpec(secret, "HmacSHA1"), Instant.now().plusSeconds(30L * stepOffset)));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
