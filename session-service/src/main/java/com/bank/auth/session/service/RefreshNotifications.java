package com.bank.auth.session.service;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands.RedisSubscriber;

/**
 * Wakes the requests waiting for another's refresh (DESIGN 3) instead of letting them poll: the token update and the
 * lease release publish the session hash on one Redis channel ({@code <prefix>tokens-changed}), which every replica
 * of this service subscribes to. The subscription is made on first use and again after Redis drops it.
 */
@ApplicationScoped
public class RefreshNotifications {

    private static final Logger LOG = Logger.getLogger(RefreshNotifications.class);

    private final RedisDataSource redis;
    private final String channel;
    private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();
    private volatile RedisSubscriber subscriber;

    RefreshNotifications(RedisDataSource redis, SessionKeys keys) {
        this.redis = redis;
        this.channel = keys.prefix() + "tokens-changed";
    }

    /** The channel the scripts publish on. */
    String channel() {
        return channel;
    }

    /** A signal completed when the tokens of session {@code hash} change or its lease is given back. */
    CompletableFuture<Void> register(String hash) {
        subscribe();
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

    private void subscribe() {
        if (subscriber != null) {
            return;
        }
        synchronized (this) {
            if (subscriber == null) {
                try {
                    subscriber = redis.pubsub(String.class).subscribe(channel, this::changed, this::ended, this::failed);
                } catch (RuntimeException e) {
                    throw new SessionStoreUnavailableException(e);
                }
            }
        }
    }

    private void ended() {
        subscriber = null;
    }

    private void failed(Throwable e) {
        LOG.warnf("refresh notifications interrupted (%s); resubscribing on next use", e.getClass().getSimpleName());
        subscriber = null;
    }
}
