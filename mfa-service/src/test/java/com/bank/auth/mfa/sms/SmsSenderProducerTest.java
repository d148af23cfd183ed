package com.bank.auth.mfa.sms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.bank.auth.mfa.delivery.LocalOutboxes;

/** The SMS outbox hands codes to the session holder: only when every active profile is dev, test or local. */
class SmsSenderProducerTest {

    @Test
    void theOutboxIsRefusedOutsideLocalProfiles() {
        assertTrue(LocalOutboxes.allowed(List.of("local")));
        assertTrue(LocalOutboxes.allowed(List.of("test")));
        assertTrue(LocalOutboxes.allowed(List.of("dev", "local")));
        assertFalse(LocalOutboxes.allowed(List.of("prod")));
        assertFalse(LocalOutboxes.allowed(List.of("prod", "k8s")));
        assertFalse(LocalOutboxes.allowed(List.of("staging")));
        assertFalse(LocalOutboxes.allowed(List.of("local", "prod")));
        assertFalse(LocalOutboxes.allowed(List.of()));
    }
}
