package com.bank.auth.mfa.sms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The SMS outbox hands codes to the session holder: only when every active profile is dev, test or local. */
class SmsSenderProducerTest {

    @Test
    void theOutboxIsRefusedOutsideLocalProfiles() {
        assertTrue(SmsSenderProducer.outboxAllowed(List.of("local")));
        assertTrue(SmsSenderProducer.outboxAllowed(List.of("test")));
        assertTrue(SmsSenderProducer.outboxAllowed(List.of("dev", "local")));
        assertFalse(SmsSenderProducer.outboxAllowed(List.of("prod")));
        assertFalse(SmsSenderProducer.outboxAllowed(List.of("prod", "k8s")));
        assertFalse(SmsSenderProducer.outboxAllowed(List.of("staging")));
        assertFalse(SmsSenderProducer.outboxAllowed(List.of("local", "prod")));
        assertFalse(SmsSenderProducer.outboxAllowed(List.of()));
    }
}
