package com.bank.auth.session.service;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Wakes the requests waiting for another's refresh (DESIGN 3): the token update and the lease release name the session
 * on the change stream, which {@link SessionChanges} hears on every replica of this service and passes on here.
 * Waiters never depend on it for correctness (they re-check within a short cap), only for being woken at once.
 */
@ApplicationScoped
public class RefreshNotifications {

    private final Map<String, Set<CompletableFuture<Void>>> waiters = new ConcurrentHashMap<>();

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

    /** Session {@code hash} changed: its waiters look again. */
    void changed(String hash) {
        Set<CompletableFuture<Void>> woken = waiters.remove(hash);
        if (woken != null) {
            woken.forEach(signal -> signal.complete(null));
        }
    }
}
