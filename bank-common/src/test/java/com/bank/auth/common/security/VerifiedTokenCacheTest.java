package com.bank.auth.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The cache's own rules, with a clock the test moves: exact text only, never past exp, bounded, keys forgotten. */
class VerifiedTokenCacheTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final VerifiedTokenCache cache = new VerifiedTokenCache(1 << 20, clock);

    @Test
    void onlyTheExactTextHits() {
        String token = token();
        cache.put(token, principal(token), "k1", "at+jwt", clock.instant().plusSeconds(120));
        assertNotNull(cache.get(token));
        for (int i = 0; i < token.length(); i += 7) {
            char other = token.charAt(i) == 'A' ? 'B' : 'A';
            String oneByteOff = token.substring(0, i) + other + token.substring(i + 1);
            assertNull(cache.get(oneByteOff), "one byte off at " + i);
        }
        assertNull(cache.get(token + "A"));
        assertNull(cache.get(token.substring(0, token.length() - 1)));
    }

    @Test
    void neverServedAtOrAfterExp() {
        String token = token();
        cache.put(token, principal(token), "k1", "at+jwt", clock.instant().plusSeconds(10));
        clock.now = clock.now.plusMillis(9_999);
        assertNotNull(cache.get(token));
        clock.now = clock.now.plusMillis(1);
        assertNull(cache.get(token), "served at exp");
    }

    @Test
    void anExpiredTokenIsNotKept() {
        String token = token();
        cache.put(token, principal(token), "k1", "at+jwt", clock.instant());
        assertNull(cache.get(token));
        assertEquals(0, cache.size());
    }

    @Test
    void forgettingAKeyDropsOnlyItsTokens() {
        String a = token(), b = token();
        cache.put(a, principal(a), "old", "at+jwt", clock.instant().plusSeconds(60));
        cache.put(b, principal(b), "new", "at+jwt", clock.instant().plusSeconds(60));
        cache.forgetKeys(Set.of("old")::contains);
        assertNull(cache.get(a));
        assertNotNull(cache.get(b));
    }

    @Test
    void boundedByMemory() {
        VerifiedTokenCache small = new VerifiedTokenCache(64 * 1024, clock);
        for (int i = 0; i < 2_000; i++) {
            String token = token();
            small.put(token, principal(token), "k1", "at+jwt", clock.instant().plusSeconds(60));
        }
        long size = small.size();
        long perEntry = token().length() * 3L + 512;   // the cache's own estimate
        assertTrue(size > 0 && size <= 64 * 1024 / perEntry, "held " + size + " tokens of about " + perEntry + " bytes in 64 KiB");
    }

    private static String token() {
        // Shaped like a compact JWS; the cache never parses it.
        return "eyJhbGciOiJQUzI1NiJ9." + UUID.randomUUID().toString().replace("-", "").repeat(10) + ".c2lnbmF0dXJl" + UUID.randomUUID();
    }

    private static JsonWebToken principal(String raw) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("raw_token");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "raw_token".equals(claimName) ? (T) raw : null;
            }
        };
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
