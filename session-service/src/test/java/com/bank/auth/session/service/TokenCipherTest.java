package com.bank.auth.session.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.bank.auth.session.config.SessionConfig;

class TokenCipherTest {

    private static SessionConfig.Encryption encryption(List<String> keys, String active) {
        return encryption(keys, active, false);
    }

    private static SessionConfig.Encryption encryption(List<String> keys, String active, boolean allowEphemeral) {
        return new SessionConfig.Encryption() {
            @Override
            public boolean allowEphemeralKey() {
                return allowEphemeral;
            }

            @Override
            public Optional<List<String>> keys() {
                return Optional.ofNullable(keys);
            }

            @Override
            public Optional<String> activeKeyId() {
                return Optional.ofNullable(active);
            }

            @Override
            public boolean writeBeforeTinkFormat() {
                return false;
            }
        };
    }

    @Test
    void prodRefusesToStartWithoutAKey() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TokenCipher.keyRing(encryption(null, null)));
        assertEquals(true, e.getMessage().contains("bank.sessions.encryption.keys"), e.getMessage());
    }

    @Test
    void aProfileThatAllowsItMayGenerateOne() {
        assertEquals("ephemeral", TokenCipher.keyRing(encryption(null, null, true)).activeKeyId());
    }

    @Test
    void configuredKeysWinOverAnEphemeralOne() {
        String key = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals("k1", TokenCipher.keyRing(encryption(List.of(key), "k1", true)).activeKeyId());
        assertThrows(IllegalStateException.class, () -> TokenCipher.keyRing(encryption(List.of(key), null)));
    }
}
