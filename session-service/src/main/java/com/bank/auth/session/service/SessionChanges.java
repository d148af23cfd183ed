package com.bank.auth.session.service;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;

/**
 * The change stream of DESIGN 3, fed by Redis pub/sub ({@link SessionKeys#sessionChanges()}): the scripts publish every
 * change a BFF's near-cache must see, inside the write itself; this replica listens, wakes the requests waiting for
 * a refresh ({@link RefreshNotifications}) and forwards every message to the BFFs subscribed to {@code GET
 * /sessions/changes}.
 * <p>
 * Liveness is proven end to end: each replica publishes a heartbeat through Redis every second and forwards the
 * heartbeats it receives, so a BFF that hears them knows that Redis, this replica's subscription and the stream all
 * work. When the subscription breaks (Redis restarted or failed over), messages may have been lost: the BFFs are told
 * {@code reset} and drop everything they hold; the heartbeats resume only once the subscription is back.
 */
@ApplicationScoped
public class SessionChanges {

    private static final Logger LOG = Logger.getLogger(SessionChanges.class);
    static final long HEARTBEAT_MS = 1000;
    /** What one BFF may fall behind by before its stream is ended (it reconnects and starts empty). */
    private static final int SUBSCRIBER_BUFFER = 10_000;

    private final ReactiveRedisDataSource redis;
    private final RefreshNotifications refreshes;
    private final Vertx vertx;
    private final String channel;
    private final String heartbeat = "hb:" + UUID.randomUUID();
    private final BroadcastProcessor<String> bffs = BroadcastProcessor.create();
    private Cancellable subscription;
    private long timer = -1;
    private volatile boolean stopping;

    SessionChanges(ReactiveRedisDataSource redis, RefreshNotifications refreshes, Vertx vertx, SessionKeys keys) {
        this.redis = redis;
        this.refreshes = refreshes;
        this.vertx = vertx;
        this.channel = keys.sessionChanges();
    }

    /** Listening starts at boot without blocking it and resumes by itself after Redis drops it. */
    void listen(@Observes StartupEvent start) {
        subscription = redis.pubsub(String.class).subscribe(channel)
                .onCompletion().failWith(() -> new IllegalStateException("subscription ended"))
                .onFailure().invoke(this::interrupted)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely()
                .subscribe().with(this::received);
        timer = vertx.setPeriodic(HEARTBEAT_MS, id -> redis.pubsub(String.class).publish(channel, heartbeat)
                .subscribe().with(ok -> {
                }, e -> LOG.debugf("heartbeat not published (%s)", e.getClass().getSimpleName())));
        // At SIGTERM, not at ShutdownEvent: that comes only after the HTTP server has waited for its requests to end, and
        // a stream never ends by itself (it would hold every shutdown for quarkus.shutdown.timeout).
        Runtime.getRuntime().addShutdownHook(new Thread(this::endStreams, "session-changes-shutdown"));
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (subscription != null) {
            subscription.cancel();
        }
        endStreams();
    }

    /**
     * Shutting down: the BFFs' streams end, so they reconnect to another replica (and start from an empty cache), and no
     * new one starts here.
     */
    private synchronized void endStreams() {
        if (!stopping) {
            stopping = true;
            bffs.onNext("reset");
            bffs.onComplete();
        }
    }

    /** False once this replica is shutting down: a BFF asking then is sent to another (503). */
    public boolean accepting() {
        return !stopping;
    }

    /** One BFF's stream: every message from now on; ended (the BFF reconnects) if it falls too far behind. */
    public Multi<String> subscribe() {
        return bffs.onOverflow().buffer(SUBSCRIBER_BUFFER);
    }

    /** Synchronized with the others that emit (the processor takes one producer at a time), and silent once stopping. */
    private synchronized void received(String message) {
        if (message.startsWith("s:")) {
            refreshes.changed(message.substring(2));
        }
        if (!stopping) {
            bffs.onNext(message);
        }
    }

    private synchronized void interrupted(Throwable e) {
        LOG.warnf("session change stream interrupted (%s); resubscribing", e.getClass().getSimpleName());
        if (!stopping) {
            bffs.onNext("reset");
        }
    }
}
