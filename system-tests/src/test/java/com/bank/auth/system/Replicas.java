package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What the tests of several BFF replicas check the same way: a session held in a replica's memory, and how soon a change shows. */
final class Replicas {

    /** DESIGN 3: a change is seen on every replica within one event, under a second. */
    static final Duration WITHIN = Duration.ofSeconds(1);

    private Replicas() {
    }

    /**
     * The replica {@code browser} talks to answers this session from memory: two checks in a row, the second a hit of
     * its near-cache (read at {@code management}). What makes a test of a change fail when the change is not heard
     * of: the replica would then answer from memory for up to its ttl.
     */
    static void heldInMemory(Browser browser, String management) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);   // its stream may be reconnecting after a test before
        while (true) {
            assertEquals(200, browser.get("/bff/user").statusCode());
            double before = hits(management);
            assertEquals(200, browser.get("/bff/user").statusCode());
            if (hits(management) > before) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), "the replica at " + management + " never answered the session from memory");
            Thread.sleep(200);
        }
    }

    /** Sessions a replica answered from memory so far (its Micrometer counter). */
    static double hits(String management) throws Exception {
        return Metrics.sum(management, "bank_session_cache_lookups_total", Map.of("result", "hit"));
    }

    /** {@code GET /bff/user} until it answers {@code expected} or {@code within} passes; the last status. */
    static int statusWithin(Browser browser, int expected, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        int status;
        while ((status = browser.get("/bff/user").statusCode()) != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return status;
    }
}
