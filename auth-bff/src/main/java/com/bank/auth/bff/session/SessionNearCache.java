package com.bank.auth.bff.session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.bank.auth.bff.client.SessionServiceClient;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.common.session.SessionIdHash;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The session near-cache of DESIGN 3: a session view this replica looked up at session-service a moment ago answers
 * again from memory, only while the change stream ({@link SessionChangeStream}) is confirmed live by its heartbeats.
 * <p>
 * The rules, each the reason for a piece below:
 * <ul>
 * <li>An event naming a session (or its user) drops its entry at once; a lookup that was in flight when the event came
 * is answered but not kept (its entry was dropped under it, so it cannot be filled).</li>
 * <li>No heartbeat for {@code heartbeat-timeout}, a lost stream, or session-service's {@code reset}: everything is
 * dropped and nothing is served from memory until heartbeats come again (then it fills anew).</li>
 * <li>An entry answers for {@code ttl}, at most half the session's idle timeout, and never within a second of its idle
 * or absolute deadline (clocks differ a little between hosts).</li>
 * <li>The requests served from memory are reported to session-service (count, and when the last was) at most once per
 * {@code touch-interval}, off the request path, so its idle deadline is only ever earlier than the true one.</li>
 * </ul>
 * Entries are keyed by the session id's hash ({@link SessionIdHash}), the name the change stream uses.
 */
@ApplicationScoped
public class SessionNearCache {

    private static final Logger LOG = Logger.getLogger(SessionNearCache.class);
    /** Kept clear of a session's deadlines: the BFF's and Redis' clocks are not the same clock. */
    private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(1);
    /**
     * A lookup on its way fills the entry; the requests that come meanwhile ask too but leave its entry in place (else
     * each would replace the one before and, under concurrency, few answers would ever be kept: the bench's 16
     * connections on one session missed 16% of checks). Longer than the BFF's read timeout to session-service: a
     * lookup that never came back (its thread died) stops holding the place, and the sweep removes it.
     */
    private static final long LOOKUP_AT_MOST_NANOS = Duration.ofSeconds(5).toNanos();

    /** Reports the requests served from memory: {@code uses} of them, the last {@code seenAgoMs} ago. */
    @FunctionalInterface
    interface Touch {
        SessionView touch(String sessionId, long uses, long seenAgoMs);
    }

    /** Time, injectable for tests: a monotonic clock for ages, the wall clock for session deadlines. */
    interface Ticker {
        long nanos();

        Instant now();

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public Instant now() {
                return Instant.now();
            }
        };
    }

    /** What a lookup that missed needs to report and, if it may, to fill its entry with the answer. */
    public record Miss(String hash, Entry entry, long uses, long userDropsBefore) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Counts the events that dropped all of one user's entries: a lookup in flight across one keeps nothing. */
    private final AtomicLong userDrops = new AtomicLong();
    private final boolean enabled;
    private final long ttlNanos;
    private final long touchNanos;
    private final long heartbeatTimeoutNanos;
    private final int maxEntries;
    private final Touch touch;
    private final Ticker ticker;
    private volatile long lastHeartbeat;
    private volatile boolean trusted;
    private final ScheduledExecutorService sweeper;
    private final ExecutorService reporter;
    private final Counter hits;
    private final Counter misses;

    @Inject
    SessionNearCache(BffConfig config, @RestClient SessionServiceClient sessions, MeterRegistry registry) {
        this(config.sessionCache(), sessions::touch, Ticker.SYSTEM, true, registry);
    }

    SessionNearCache(BffConfig.SessionCache settings, Touch touch, Ticker ticker, boolean sweep, MeterRegistry registry) {
        this.hits = Counter.builder("bank.session.cache.lookups").tag("result", "hit")
                .description("Session checks answered from the near-cache").register(registry);
        this.misses = Counter.builder("bank.session.cache.lookups").tag("result", "miss")
                .description("Session checks that asked session-service").register(registry);
        Gauge.builder("bank.session.cache.live", this, c -> c.live() ? 1 : 0)
                .description("1 while the change stream is confirmed live (sessions may be answered from memory)").register(registry);
        Gauge.builder("bank.session.cache.entries", entries, ConcurrentHashMap::size).register(registry);
        this.enabled = settings.enabled();
        this.ttlNanos = settings.ttl().toNanos();
        this.touchNanos = settings.touchInterval().toNanos();
        this.heartbeatTimeoutNanos = settings.heartbeatTimeout().toNanos();
        this.maxEntries = settings.maxEntries();
        this.touch = touch;
        this.ticker = ticker;
        if (sweep && enabled) {
            sweeper = Executors.newSingleThreadScheduledExecutor(daemon("session-cache-sweeper"));
            reporter = Executors.newFixedThreadPool(2, daemon("session-cache-touch"));
            sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        } else {
            sweeper = null;
            reporter = null;
        }
    }

    @PreDestroy
    void stop() {
        if (sweeper != null) {
            sweeper.shutdownNow();
            reporter.shutdownNow();
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** True while heartbeats come: only then is anything answered from memory. */
    public boolean live() {
        return trusted && ticker.nanos() - lastHeartbeat < heartbeatTimeoutNanos;
    }

    /** The session from memory, as session-service will see it once told of this request; null if not held. */
    public SessionView hit(String sessionId) {
        if (!enabled || !live()) {
            return null;
        }
        Entry entry = entries.get(SessionIdHash.of(sessionId));
        long now = ticker.nanos();
        Instant wallNow = ticker.now();
        if (entry == null || !entry.answersAt(now, wallNow) || !entry.sessionId.equals(sessionId)) {
            return null;
        }
        long unreported = entry.used(now);
        hits.increment();
        return entry.view.seenAt(wallNow, unreported);
    }

    /**
     * A lookup is about to ask session-service: what it reports (this request and what the expired entry served), and
     * a fresh entry to fill with its answer, if the stream is live and there is room.
     */
    public Miss miss(String sessionId) {
        String hash = SessionIdHash.of(sessionId);
        long drops = userDrops.get();
        misses.increment();
        if (!enabled) {
            return new Miss(hash, null, 1, drops);
        }
        long now = ticker.nanos();
        Entry current = entries.get(hash);
        if (current != null && current.pending(now, LOOKUP_AT_MOST_NANOS)) {
            return new Miss(hash, null, 1, drops);
        }
        Entry fresh = live() && entries.size() < maxEntries ? new Entry(sessionId, now) : null;
        Entry old = fresh != null ? entries.put(hash, fresh) : entries.remove(hash);
        long carried = old == null ? 0 : old.takeUnreported(ticker.nanos());
        return new Miss(hash, fresh, 1 + carried, drops);
    }

    /** session-service answered the lookup: kept if nothing dropped its entry meanwhile and the stream is still live. */
    public void answered(Miss miss, SessionView view) {
        if (miss.entry() == null) {
            return;
        }
        if (live() && userDrops.get() == miss.userDropsBefore() && entries.get(miss.hash()) == miss.entry()) {
            miss.entry().fill(view, ticker.now(), ttlNanos, touchNanos);
            // An event may have dropped the entry between the check and the fill: then it was never reachable.
            if (entries.get(miss.hash()) != miss.entry() || userDrops.get() != miss.userDropsBefore()) {
                entries.remove(miss.hash(), miss.entry());
            }
        } else {
            entries.remove(miss.hash(), miss.entry());
        }
    }

    /** The lookup failed or found no live session: nothing kept. */
    public void failed(Miss miss) {
        if (miss.entry() != null) {
            entries.remove(miss.hash(), miss.entry());
        }
    }

    /** This replica changed the session itself (logout, rotation, refresh): not answered from memory again. */
    public void forget(String sessionId) {
        drop(SessionIdHash.of(sessionId));
    }

    /** This replica's login superseded the sessions with these handles. */
    public void endedHere(java.util.List<String> handles) {
        if (handles != null && !handles.isEmpty()) {
            entries.values().removeIf(entry -> entry.view != null && handles.contains(entry.view.handle()));
        }
    }

    /** The change stream named a session (ended, rotated, refreshed, step-up entry changed). */
    void sessionChanged(String hash) {
        drop(hash);
    }

    /**
     * Not answered from memory again. What it served and has not reported stays, in an entry that answers nothing, for
     * the next lookup of the session (a refresh ends no session) or the next sweep to report.
     */
    private void drop(String hash) {
        Entry dropped = entries.remove(hash);
        if (dropped != null && dropped.view != null && dropped.hasUnreported()) {
            entries.putIfAbsent(hash, dropped.carrier());
        }
    }

    /** The change stream named a user whose sessions were ended. */
    void userChanged(String sub) {
        userDrops.incrementAndGet();
        entries.values().removeIf(entry -> entry.view != null && sub.equals(entry.view.sub()));
    }

    /** A heartbeat: the stream is live. After a silence longer than the timeout, what is held may be stale: dropped. */
    void heartbeat() {
        long now = ticker.nanos();
        if (!trusted || now - lastHeartbeat >= heartbeatTimeoutNanos) {
            dropAll();
            LOG.info("session change stream live: session checks may be answered from memory");
        }
        lastHeartbeat = now;
        trusted = true;
    }

    /** The stream is lost, silent or reset: nothing is served from memory until heartbeats come again. */
    void lost(String why) {
        if (trusted) {
            LOG.warnf("session change stream lost (%s): every session check asks session-service", why);
        }
        trusted = false;
        dropAll();
    }

    int size() {
        return entries.size();
    }

    private void dropAll() {
        userDrops.incrementAndGet();
        entries.clear();
    }

    /**
     * Each second: entries past their time go, unless requests they served are still to be reported; those are
     * reported (on another thread) once their touch interval has passed, and the answer refreshes the entry.
     */
    void sweep() {
        long now = ticker.nanos();
        Instant wallNow = ticker.now();
        entries.forEach((hash, entry) -> {
            if (entry.carrying) {
                if (entry.touchDue(now) && entry.touching.compareAndSet(false, true)) {
                    submit(() -> reportCarried(hash, entry));
                }
            } else if (entry.view == null) {
                if (now - entry.createdAt > LOOKUP_AT_MOST_NANOS) {
                    entries.remove(hash, entry);
                }
            } else if (entry.touchDue(now)) {
                if (entry.touching.compareAndSet(false, true)) {
                    submit(() -> report(hash, entry));
                }
            } else if (!entry.answersAt(now, wallNow)) {
                entries.remove(hash, entry);
            }
        });
    }

    private void submit(Runnable task) {
        if (reporter == null) {
            task.run();
        } else {
            reporter.execute(task);
        }
    }

    /** What a dropped entry served, told to session-service (if the session still lives); the carrier goes either way. */
    private void reportCarried(String hash, Entry carrier) {
        try {
            long uses = carrier.takeUnreported(ticker.nanos());
            if (uses > 0) {
                touch.touch(carrier.sessionId, uses, TimeUnit.NANOSECONDS.toMillis(Math.max(0, ticker.nanos() - carrier.lastUse)));
            }
        } catch (RuntimeException e) {
            // Ended: its count no longer matters.
        } finally {
            entries.remove(hash, carrier);
        }
    }

    private void report(String hash, Entry entry) {
        try {
            long uses = entry.takeUnreported(ticker.nanos());
            if (uses == 0) {
                return;
            }
            long seenAgoMs = TimeUnit.NANOSECONDS.toMillis(Math.max(0, ticker.nanos() - entry.lastUse));
            long drops = userDrops.get();
            SessionView view = touch.touch(entry.sessionId, uses, seenAgoMs);
            if (live() && userDrops.get() == drops && entries.get(hash) == entry) {
                entry.fill(view, ticker.now(), ttlNanos, touchNanos);
            }
        } catch (RuntimeException e) {
            // Ended (404/410) or session-service unavailable: the next request asks it itself.
            entries.remove(hash, entry);
        } finally {
            entry.touching.set(false);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One session's view, while it may answer, and what it served that session-service has not heard of yet. */
    public static final class Entry {

        final String sessionId;
        final long createdAt;
        final AtomicBoolean touching = new AtomicBoolean();
        private final AtomicLong unreported = new AtomicLong();
        volatile SessionView view;
        private volatile long freshUntil;
        private volatile Instant deadline;
        private volatile long touchedAt;
        private volatile long touchEvery;
        volatile long lastUse;
        /** Answers nothing: only carries the requests a dropped entry served, until they are reported. */
        private volatile boolean carrying;

        Entry(String sessionId, long createdAt) {
            this.sessionId = sessionId;
            this.createdAt = createdAt;
            this.touchedAt = createdAt;
            this.lastUse = createdAt;
        }

        /**
         * The answer of a lookup or touch that started at {@code createdAt} or later: it answers for the ttl from then (at
         * most half the idle timeout), and never within the margin of the session's deadlines.
         */
        void fill(SessionView fresh, Instant wallNow, long ttlNanos, long touchNanos) {
            long halfIdle = fresh.lastSeenAt() == null || fresh.idleExpiresAt() == null ? ttlNanos
                    : Duration.between(fresh.lastSeenAt(), fresh.idleExpiresAt()).toNanos() / 2;
            Instant ends = fresh.idleEndsAt();
            if (fresh.absoluteExpiresAt() != null && (ends == null || fresh.absoluteExpiresAt().isBefore(ends))) {
                ends = fresh.absoluteExpiresAt();
            }
            long startedAt = touchedAt;
            this.deadline = ends == null ? wallNow : ends.minus(DEADLINE_MARGIN);
            this.touchEvery = Math.max(0, Math.min(touchNanos, halfIdle));
            this.freshUntil = startedAt + Math.max(0, Math.min(ttlNanos, halfIdle));
            this.view = fresh;
        }

        /** Created by a lookup that has not been answered yet, less than {@code atMostNanos} ago. */
        boolean pending(long now, long atMostNanos) {
            return view == null && !carrying && now - createdAt < atMostNanos;
        }

        boolean answersAt(long now, Instant wallNow) {
            return view != null && now - freshUntil < 0 && wallNow.isBefore(deadline);
        }

        /** Served one more request; returns how many it served that session-service has not heard of. */
        long used(long now) {
            lastUse = now;
            return unreported.incrementAndGet();
        }

        boolean hasUnreported() {
            return unreported.get() > 0;
        }

        /** An entry that answers nothing and carries this one's unreported requests, to be reported by whoever comes next. */
        Entry carrier() {
            Entry carrier = new Entry(sessionId, createdAt);
            carrier.unreported.set(unreported.getAndSet(0));
            carrier.lastUse = lastUse;
            carrier.touchedAt = touchedAt;
            carrier.touchEvery = touchEvery;
            carrier.carrying = true;
            return carrier;
        }

        boolean touchDue(long now) {
            return unreported.get() > 0 && now - touchedAt >= touchEvery;
        }

        /** The unreported count, being reported from {@code now} on (by a touch, or by the lookup that replaces it). */
        long takeUnreported(long now) {
            touchedAt = now;
            return unreported.getAndSet(0);
        }
    }
}
