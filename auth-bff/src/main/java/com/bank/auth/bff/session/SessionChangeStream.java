package com.bank.auth.bff.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.bank.auth.bff.client.SessionServiceClient;
import com.bank.auth.bff.config.BffConfig;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

/**
 * This replica's subscription to session-service's change stream ({@code GET /sessions/changes}, DESIGN 3), which
 * feeds the {@link SessionNearCache}: each event drops what it names, each heartbeat keeps the cache trusted. A stream
 * that fails, ends, or stays silent past {@code heartbeat-timeout} (session-service killed, frozen, or its Redis
 * stalled) makes the cache distrust everything at once; it is then reconnected, with a growing pause between tries.
 */
@ApplicationScoped
public class SessionChangeStream {

    private static final Logger LOG = Logger.getLogger(SessionChangeStream.class);
    private static final long FIRST_RETRY_MS = 200;
    private static final long LAST_RETRY_MS = 5000;
    private static final long CHECK_MS = 250;

    private final SessionServiceClient sessions;
    private final SessionNearCache cache;
    private final Vertx vertx;
    private final long silenceMs;
    private Cancellable subscription;
    /** Which subscription is current: callbacks of an earlier one change nothing. */
    private long generation;
    private long lastEventAt;
    private long retryMs = FIRST_RETRY_MS;
    private long watchdog = -1;
    private boolean stopped;

    SessionChangeStream(@RestClient SessionServiceClient sessions, SessionNearCache cache, Vertx vertx, BffConfig config) {
        this.sessions = sessions;
        this.cache = cache;
        this.vertx = vertx;
        this.silenceMs = config.sessionCache().heartbeatTimeout().toMillis();
    }

    void start(@Observes StartupEvent start) {
        if (!cache.enabled()) {
            return;
        }
        connect();
        watchdog = vertx.setPeriodic(CHECK_MS, id -> checkSilence());
    }

    synchronized void stop(@Observes ShutdownEvent stop) {
        stopped = true;
        if (watchdog >= 0) {
            vertx.cancelTimer(watchdog);
        }
        if (subscription != null) {
            subscription.cancel();
        }
        cache.lost("shutting down");
    }

    private synchronized void connect() {
        if (stopped) {
            return;
        }
        long mine = ++generation;
        lastEventAt = System.currentTimeMillis();
        subscription = sessions.changes().subscribe().with(
                event -> received(mine, event),
                failure -> ended(mine, failure.getClass().getSimpleName()),
                () -> ended(mine, "ended by session-service"));
    }

    private synchronized void received(long mine, String event) {
        if (mine != generation) {
            return;
        }
        lastEventAt = System.currentTimeMillis();
        if (event.startsWith("hb:")) {
            retryMs = FIRST_RETRY_MS;
            cache.heartbeat();
        } else if (event.startsWith("s:")) {
            cache.sessionChanged(event.substring(2));
        } else if (event.startsWith("u:")) {
            cache.userChanged(event.substring(2));
        } else if (event.equals("reset")) {
            cache.lost("session-service lost Redis' messages");
        }
    }

    private synchronized void ended(long mine, String why) {
        if (mine != generation) {
            return;
        }
        generation++;
        subscription = null;
        cache.lost(why);
        reconnectLater();
    }

    /** Frozen or cut without a close: no heartbeat within the timeout ends the subscription here. */
    private synchronized void checkSilence() {
        if (stopped || subscription == null || System.currentTimeMillis() - lastEventAt < silenceMs) {
            return;
        }
        generation++;
        subscription.cancel();
        subscription = null;
        cache.lost("no heartbeat for " + silenceMs + " ms");
        reconnectLater();
    }

    private void reconnectLater() {
        long delay = retryMs;
        retryMs = Math.min(LAST_RETRY_MS, retryMs * 2);
        LOG.debugf("session change stream: reconnecting in %d ms", delay);
        vertx.setTimer(delay, id -> connect());
    }
}
