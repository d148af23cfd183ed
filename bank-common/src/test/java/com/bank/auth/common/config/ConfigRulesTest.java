package com.bank.auth.common.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/", "https://bank.example/app", "bank.example", "ftp://bank.example",
            "https://bank.example?x=1", "https://user@bank.example", "https://", "http://bank example"})
    void anOriginIsSchemeHostAndPortOnly(String origin) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> ConfigRules.origin("bff.origin", origin));
        assertTrue(e.getMessage().startsWith("Invalid configuration bff.origin: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aTrailingSlashIsNamedAsSuch() {
        String message = assertThrows(InvalidConfigurationException.class, () -> ConfigRules.origin("bff.origin", "http://localhost:8080/")).getMessage();
        assertTrue(message.contains("trailing '/'"), message);
        assertDoesNotThrow(() -> ConfigRules.origin("bff.origin", "https://bank.example"));
        assertDoesNotThrow(() -> ConfigRules.origin("bff.origin", "http://localhost:8080"));
    }

    @Test
    void baseUrlsTakePathsButNoTrailingSlash() {
        assertDoesNotThrow(() -> ConfigRules.baseUrl("k", "https://sso.bank.example/realms/bank"));
        assertThrows(InvalidConfigurationException.class, () -> ConfigRules.baseUrl("k", "https://sso.bank.example/realms/bank/"));
        assertDoesNotThrow(() -> ConfigRules.url("k", "https://sms.example/v1/messages/"));
    }

    @Test
    void durationsAndBudgets() {
        assertThrows(InvalidConfigurationException.class, () -> ConfigRules.positive("k", Duration.ZERO));
        assertThrows(InvalidConfigurationException.class,
                () -> ConfigRules.below("bff.refresh-skew", Duration.ofSeconds(120), "lifetime", Duration.ofSeconds(120)));
        assertDoesNotThrow(() -> ConfigRules.below("bff.refresh-skew", Duration.ofSeconds(110), "lifetime", Duration.ofSeconds(120)));
        String message = assertThrows(InvalidConfigurationException.class,
                () -> ConfigRules.timeBudget("c", Duration.ofSeconds(2), "r", Duration.ofSeconds(30))).getMessage();
        assertTrue(message.startsWith("Invalid configuration r: PT30S must be at most PT5S"), message);
        assertThrows(InvalidConfigurationException.class, () -> ConfigRules.timeBudget("c", Duration.ofSeconds(3), "r", Duration.ofSeconds(4)));
        assertDoesNotThrow(() -> ConfigRules.timeBudget("c", Duration.ofSeconds(2), "r", Duration.ofSeconds(4)));
    }

    @Test
    void secretKeysAreLongEnoughAndNeverEchoed() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        String message = assertThrows(InvalidConfigurationException.class,
                () -> ConfigRules.secretKey("bff.cookies.csrf-key", Optional.of(shortKey), 256, false)).getMessage();
        assertTrue(message.contains("128 bits"), message);
        assertFalse(message.contains(shortKey), "the key's value never appears");
        assertThrows(InvalidConfigurationException.class, () -> ConfigRules.secretKey("k", Optional.of("not base64!"), 256, false));
        assertThrows(InvalidConfigurationException.class, () -> ConfigRules.secretKey("k", Optional.empty(), 256, false));
        assertEquals(32, ConfigRules.secretKey("k", Optional.empty(), 256, true).length);
        assertEquals(32, ConfigRules.secretKey("k", Optional.of(Base64.getEncoder().encodeToString(new byte[32])), 256, false).length);
    }

    @Test
    void aCalleesWaitsLeaveItsCallerTime() {
        String message = assertThrows(InvalidConfigurationException.class, () -> ConfigRules.nested("sms connect + read",
                Duration.ofSeconds(7), Duration.ofSeconds(1), "mfa.caller-budget", Duration.ofSeconds(4))).getMessage();
        assertTrue(message.contains("budgets nest"), message);
        assertThrows(InvalidConfigurationException.class, () -> ConfigRules.nested("x", Duration.ofMillis(3001), Duration.ofSeconds(1),
                "b", Duration.ofSeconds(4)));
        assertDoesNotThrow(() -> ConfigRules.nested("x", Duration.ofSeconds(3), Duration.ofSeconds(1), "b", Duration.ofSeconds(4)));
    }
}
