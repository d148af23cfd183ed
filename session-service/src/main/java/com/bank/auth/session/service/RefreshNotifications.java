package com.bank.auth.session.service;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.StartupEvent;

/**
 * Wakes the requests waiting for another's refresh (DESIGN 3): the token update and the lease release publish the
 * session hash on one Redis channel ({@code <prefix>tokens-changed}), which every replica of this service listens to.
 * Listening starts at boot without blocking it and resumes by itself after Redis drops it; waiters never depend on it
 * for correctness (they re-check within a short cap), only for being woken at once.
 */
@ApplicationScoped
public class RefreshNotifications {

    private static final Logger LOG = Logger.getLogger(RefreshNotifications.class);

    private final ReactiveRedisDataSource redis;
    private final String channel;
    private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

    RefreshNotifications(ReactiveRedisDataSource redis, SessionKeys keys) {
        this.redis = redis;
        this.channel = keys.tokensChanged();
    }

    void listen(@Observes StartupEvent start) {
        redis.pubsub(String.class).subscribe(channel)
                .onFailure().invoke(e -> LOG.warnf("refresh notifications interrupted (%s); resubscribing", e.getClass().getSimpleName()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(this::changed);
    }

    /** A signal completed when the tokens of session {@code hash} change or its lease is given back. */
    CompletableFuture<Void> register(String hash) {
        CompletableFuture<Void> signal = new CompletableFuture<>();
        waiters.computeIfAbsent(hash, h -> ConcurrentHashMap.newKeySet()).add(signal);
        return signal;
    }

    void unregister(String hash, CompletableFuture<Void> signal) {
        waiters.computeIfPresent(hash, (h, set) -> {
            set.remove(signal);
            return set.isEmpty() ? null : set;
        });
    }

    private void changed(String hash) {
        Set<CompletableFuture<Void>> woken = waiters.remove(hash);
        if (woken != null) {
            woken.forEach(signal -> signal.complete(null));
        }
    }
}
