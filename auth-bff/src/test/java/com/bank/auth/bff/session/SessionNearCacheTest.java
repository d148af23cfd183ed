package com.bank.auth.bff.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.client.SessionServiceClient.TokenSet;
import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.common.session.SessionIdHash;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The near-cache's rules (DESIGN 3) on a clock this test moves: what it may answer from memory, what drops it, and what
 * session-service is told. The system tests (SessionNearCacheIT) check the same against the real chain.
 */
class SessionNearCacheTest {

    private static final String ID = "ab12.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String OTHER = "cd34.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    private final Clock clock = new Clock();
    private final List<long[]> touches = new ArrayList<>();
    private final SessionNearCache cache = new SessionNearCache(settings(true, 10), (id, uses, ago) -> {
        touches.add(new long[] { uses, ago });
        return view(clock.now(), Duration.ofMinutes(5), Duration.ofMinutes(30));
    }, clock, false, new SimpleMeterRegistry());

    /** A cache that is switched off: every check asks session-service. */
    static SessionNearCache off() {
        return new SessionNearCache(settings(false, 10), (id, uses, ago) -> null, SessionNearCache.Ticker.SYSTEM, false,
                new SimpleMeterRegistry());
    }

    @Test
    void nothingIsAnsweredFromMemoryBeforeTheFirstHeartbeat() {
        lookUp(ID);
        assertNull(cache.hit(ID), "no live stream yet: session-service is asked");
        assertEquals(0, cache.size(), "and nothing is kept");
    }

    @Test
    void aLookedUpSessionAnswersFromMemoryUntilItsTtl() {
        cache.heartbeat();
        lookUp(ID);
        live(Duration.ofSeconds(9));
        SessionView served = cache.hit(ID);
        assertNotNull(served);
        assertEquals(clock.now(), served.lastSeenAt(), "described as seen now");
        assertEquals(clock.now().plus(Duration.ofMinutes(5)), served.idleExpiresAt(), "its idle deadline slid from now");
        live(Duration.ofSeconds(1));
        assertNull(cache.hit(ID), "10 s after its lookup it asks again");
    }

    @Test
    void anEventNamingTheSessionOrItsUserDropsIt() {
        cache.heartbeat();
        lookUp(ID);
        lookUp(OTHER);
        cache.sessionChanged(SessionIdHash.of(ID));
        assertNull(cache.hit(ID));
        assertNotNull(cache.hit(OTHER), "another session stays");
        cache.userChanged("user-" + OTHER);
        assertNull(cache.hit(OTHER));
    }

    @Test
    void aLookupInFlightWhenAnEventCameIsAnsweredButNotKept() {
        cache.heartbeat();
        SessionNearCache.Miss miss = cache.miss(ID);
        cache.sessionChanged(SessionIdHash.of(ID));   // a logout elsewhere, while session-service answered the lookup
        cache.answered(miss, view(clock.now(), Duration.ofMinutes(5), Duration.ofMinutes(30)));
        assertNull(cache.hit(ID));

        SessionNearCache.Miss another = cache.miss(ID);
        cache.userChanged("user-" + ID);
        cache.answered(another, view(clock.now(), Duration.ofMinutes(5), Duration.ofMinutes(30)));
        assertNull(cache.hit(ID), "the same for an event naming its user");
    }

    @Test
    void requestsThatMissWhileALookupIsOnItsWayLeaveItsEntryToBeFilled() {
        cache.heartbeat();
        SessionNearCache.Miss first = cache.miss(ID);
        SessionNearCache.Miss meanwhile = cache.miss(ID);
        assertNull(meanwhile.entry(), "the second request asks session-service too, but fills nothing");
        cache.answered(meanwhile, view(clock.now(), Duration.ofMinutes(5), Duration.ofMinutes(30)));
        cache.answered(first, view(clock.now(), Duration.ofMinutes(5), Duration.ofMinutes(30)));
        assertNotNull(cache.hit(ID), "the first lookup's answer is kept");

        SessionNearCache.Miss lost = cache.miss(OTHER);   // a lookup that never comes back
        live(Duration.ofSeconds(6));
        assertNotNull(cache.miss(OTHER).entry(), "after the lookup's budget, the next lookup takes its place");
        assertNull(lost.entry().view);
    }

    @Test
    void aSilentOrLostStreamStopsAnsweringAndForgetsEverything() {
        cache.heartbeat();
        lookUp(ID);
        clock.advance(Duration.ofMillis(2900));
        assertNotNull(cache.hit(ID));
        clock.advance(Duration.ofMillis(100));
        assertNull(cache.hit(ID), "3 s without a heartbeat: nothing from memory");
        cache.heartbeat();
        assertNull(cache.hit(ID), "what was held across the silence is gone, not served again");
        assertEquals(0, cache.size());

        lookUp(ID);
        assertNotNull(cache.hit(ID));
        cache.lost("test");
        assertNull(cache.hit(ID));
        cache.heartbeat();
        assertNull(cache.hit(ID), "a lost stream forgets too");
    }

    @Test
    void anEntryNeverOutlivesTheSessionsDeadlinesOrHalfItsIdleTimeout() {
        cache.heartbeat();
        lookUp(ID, view(clock.now(), Duration.ofSeconds(6), Duration.ofMinutes(30)));
        live(Duration.ofMillis(2900));
        assertNotNull(cache.hit(ID));
        live(Duration.ofMillis(100));
        assertNull(cache.hit(ID), "a 6 s idle timeout: answered for 3 s at most");

        lookUp(ID, view(clock.now(), Duration.ofMinutes(5), Duration.ofMillis(1500)));
        live(Duration.ofMillis(400));
        assertNotNull(cache.hit(ID));
        live(Duration.ofMillis(200));
        assertNull(cache.hit(ID), "never within a second of the absolute deadline (the hosts' clocks differ a little)");
    }

    @Test
    void theRequestsServedFromMemoryAreReportedOncePerTouchIntervalWithTheLastOnesTime() {
        cache.heartbeat();
        lookUp(ID);
        for (int i = 0; i < 5; i++) {
            live(Duration.ofSeconds(1));
            assertNotNull(cache.hit(ID));
        }
        cache.sweep();
        assertEquals(0, touches.size(), "not before the touch interval");
        live(Duration.ofSeconds(5));
        cache.sweep();
        assertEquals(1, touches.size());
        assertEquals(5, touches.get(0)[0], "the five requests served from memory");
        assertEquals(5000, touches.get(0)[1], "the last of them 5 s ago: the idle timer slides to then, not to now");
        cache.sweep();
        assertEquals(1, touches.size(), "nothing more to report");
        assertNotNull(cache.hit(ID), "the touch's answer refreshed the entry");
    }

    @Test
    void aLookupReplacingAnExpiredEntryReportsWhatItServed() {
        cache.heartbeat();
        lookUp(ID);
        cache.hit(ID);
        cache.hit(ID);
        live(Duration.ofSeconds(10));
        assertNull(cache.hit(ID));
        assertEquals(3, cache.miss(ID).uses(), "this request and the two served from memory");
    }

    @Test
    void whatADroppedEntryServedIsStillReported() {
        cache.heartbeat();
        lookUp(ID);
        cache.hit(ID);
        cache.hit(ID);
        cache.sessionChanged(SessionIdHash.of(ID));   // refreshed elsewhere: the session lives on
        assertNull(cache.hit(ID));
        SessionNearCache.Miss next = cache.miss(ID);
        assertEquals(3, next.uses(), "the next lookup reports the two served from memory");
        cache.failed(next);

        lookUp(ID);
        cache.hit(ID);
        cache.forget(ID);
        live(Duration.ofSeconds(10));
        cache.sweep();
        assertEquals(1, touches.size(), "or, if none comes, the sweep does within the touch interval");
        assertEquals(1, touches.get(0)[0]);
        assertEquals(0, cache.size(), "and nothing is left behind");
    }

    @Test
    void theSessionsALoginSupersededHereAreDroppedAtOnce() {
        cache.heartbeat();
        lookUp(ID);
        cache.endedHere(List.of("handle"));
        assertNull(cache.hit(ID));
    }

    @Test
    void aSwitchedOffCacheKeepsNothing() {
        SessionNearCache off = off();
        off.heartbeat();
        SessionNearCache.Miss miss = off.miss(ID);
        off.answered(miss, view(Instant.now(), Duration.ofMinutes(5), Duration.ofMinutes(30)));
        assertNull(off.hit(ID));
        assertFalse(off.live() && off.size() > 0);
    }

    @Test
    void theTableIsBounded() {
        SessionNearCache small = new SessionNearCache(settings(true, 1), (id, uses, ago) -> null, clock, false, new SimpleMeterRegistry());
        small.heartbeat();
        small.answered(small.miss(ID), view(clock.now(), Duration.ofMinutes(5), Duration.ofMinutes(30)));
        small.answered(small.miss(OTHER), view(clock.now(), Duration.ofMinutes(5), Duration.ofMinutes(30)));
        assertTrue(small.hit(ID) != null && small.hit(OTHER) == null, "the second is answered, not kept");
    }

    /** Time passes with the stream live: a heartbeat each second, as session-service sends them. */
    private void live(Duration duration) {
        Duration left = duration;
        while (left.compareTo(Duration.ofSeconds(1)) > 0) {
            clock.advance(Duration.ofSeconds(1));
            cache.heartbeat();
            left = left.minusSeconds(1);
        }
        clock.advance(left);
        cache.heartbeat();
    }

    private void lookUp(String id) {
        lookUp(id, view(clock.now(), Duration.ofMinutes(5), Duration.ofMinutes(30)));
    }

    private void lookUp(String id, SessionView view) {
        SessionNearCache.Miss miss = cache.miss(id);
        cache.answered(miss, new SessionView(view.handle(), "user-" + id, view.sid(), view.acr(), view.amr(), view.authTime(),
                view.userAgent(), view.createdAt(), view.lastSeenAt(), view.uses(), view.idleExpiresAt(), view.absoluteExpiresAt(),
                view.tokenVersion(), view.tokens(), view.loginScaPending()));
    }

    private static SessionView view(Instant now, Duration idle, Duration absoluteLeft) {
        Instant absolute = now.plus(absoluteLeft);
        Instant idleEnds = now.plus(idle).isBefore(absolute) ? now.plus(idle) : absolute;
        return new SessionView("handle", "user", null, null, List.of(), now, null, now, now, 1, idleEnds, absolute, 1,
                new TokenSet("at", "rt", "id", now.plusSeconds(120), null), false);
    }

    private static BffConfig.SessionCache settings(boolean enabled, int maxEntries) {
        return new BffConfig.SessionCache() {
            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public Duration ttl() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration touchInterval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public Duration heartbeatTimeout() {
                return Duration.ofSeconds(3);
            }

            @Override
            public int maxEntries() {
                return maxEntries;
            }
        };
    }

    /** Both of the cache's clocks, moved together by the test. */
    private static final class Clock implements SessionNearCache.Ticker {
        private long nanos = 1_000_000_000L;
        private Instant wall = Instant.parse("2026-12-01T12:00:00Z");

        @Override
        public long nanos() {
            return nanos;
        }

        @Override
        public Instant now() {
            return wall;
        }

        void advance(Duration by) {
            nanos += TimeUnit.NANOSECONDS.convert(by);
            wall = wall.plus(by);
        }
    }
}
