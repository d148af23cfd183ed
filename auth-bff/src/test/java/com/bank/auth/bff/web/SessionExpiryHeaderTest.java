package com.bank.auth.bff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.bank.auth.bff.client.SessionServiceClient.SessionView;

class SessionExpiryHeaderTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static SessionView session(Instant idle, Instant absolute) {
        return new SessionView("h", "sub", "sid", "acr", List.of(), NOW, "ua", NOW, NOW, 1, idle, absolute, 1, null, false);
    }

    @Test
    void secondsFromNowForBothTimers() {
        assertEquals("idle=300, absolute=1800", SessionExpiryHeader.value(session(NOW.plusSeconds(300), NOW.plusSeconds(1800)), NOW));
    }

    @Test
    void partSecondsRoundDownSoTheAppNeverWarnsLate() {
        assertEquals("idle=299, absolute=59", SessionExpiryHeader.value(
                session(NOW.plusMillis(299_999), NOW.plusMillis(59_001)), NOW));
    }

    @Test
    void aPastExpiryIsZeroNeverNegative() {
        assertEquals("idle=0, absolute=0", SessionExpiryHeader.value(session(NOW.minusSeconds(5), null), NOW));
    }
}
