package com.bank.auth.common.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the token issuer publishes now: its JWKS, re-read at most every {@code bank.health.jwks-refresh-interval} (in
 * the background: stale-while-revalidate, one fetch at a time, within a 2 s budget). The one key source of a service
 * (issue 23, item 4): its verifiers check signatures against exactly this set ({@link #keySetWith}), readiness reports
 * it, and the verified-token cache forgets and refuses tokens of a key the issuer has withdrawn. No library fetches
 * keys on a request thread with its own (20 s) timeouts: a token of a key id not in the set asks for a fetch in the
 * background, at most every 2 s, and waits for it at most {@link #UNKNOWN_KID_WAIT}.
 */
@ApplicationScoped
public class IssuerKeys {

    private static final Duration BUDGET = Duration.ofSeconds(2);
    /** How long a request with a key id the set lacks waits for the fetch it asked for: well inside its caller's budget. */
    public static final Duration UNKNOWN_KID_WAIT = Duration.ofSeconds(1);
    /** At most one fetch for unknown key ids this often, whatever tokens arrive (no fetch storm from forged kids). */
    private static final Duration UNKNOWN_KID_REFETCH = Duration.ofSeconds(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(BUDGET).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Withdrawn kids remembered at most: a JWKS holds a handful of keys, rotations are rare. */
    private static final int MAX_WITHDRAWN = 256;

    private final String jwksLocation;
    private final Duration refreshInterval;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Instant lastAttempt = Instant.EPOCH;
    private volatile Instant lastSuccess;
    private volatile String lastError = "not fetched yet";
    private volatile Set<String> published;
    private volatile Set<String> withdrawn = Set.of();
    private volatile KeySet keySet;
    private volatile Instant lastForced = Instant.EPOCH;
    private volatile CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private final java.util.List<java.util.function.Consumer<Set<String>>> withdrawalListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Inject
    public IssuerKeys(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String jwksLocation,
            @ConfigProperty(name = "bank.health.jwks-refresh-interval", defaultValue = "15S") Duration refreshInterval) {
        this.jwksLocation = jwksLocation;
        this.refreshInterval = refreshInterval;
    }

    /** Never fetched, not even tried. */
    public boolean neverTried() {
        return lastAttempt.equals(Instant.EPOCH);
    }

    /** The issuer's published keys: its JWKS as fetched, and their key ids. */
    public record KeySet(String jwks, Set<String> kids) {
    }

    /** Starts a fetch in the background if the last one is older than the refresh interval and none runs. */
    public void refreshInBackgroundIfDue() {
        refreshInBackgroundIfOlderThan(refreshInterval);
    }

    private void refreshInBackgroundIfOlderThan(Duration age) {
        refreshInBackgroundIf(lastAttempt.plus(age).isBefore(Instant.now()));
    }

    private void refreshInBackgroundIf(boolean due) {
        if (due && refreshing.compareAndSet(false, true)) {
            inFlight = CompletableFuture.runAsync(() -> {
                try {
                    refresh();
                } finally {
                    refreshing.set(false);
                }
            });
        }
    }

    /**
     * The key set to verify a token of key id {@code kid} with. If the set lacks it (a key the issuer just added, or a
     * forged kid) a background fetch is asked for (at most every 2 s) and waited for at most {@code wait}. Null while
     * no fetch ever succeeded.
     */
    public KeySet keySetWith(String kid, Duration wait) {
        KeySet known = keySet;
        if (known != null && kid != null && known.kids().contains(kid)) {
            refreshInBackgroundIfDue();
            return known;
        }
        // Forced fetches for unknown key ids at most every 2 s (or the refresh interval, if shorter), whatever the
        // scheduled ones did: a key the issuer added just after a scheduled fetch is found at once.
        Instant now = Instant.now();
        Duration every = refreshInterval.compareTo(UNKNOWN_KID_REFETCH) < 0 ? refreshInterval : UNKNOWN_KID_REFETCH;
        // Also while no fetch ever succeeded: an issuer that refuses at once is not asked again on every request.
        if (lastForced.plus(every).isBefore(now)) {
            if (!refreshing.get()) {
                lastForced = now;
            }
            refreshInBackgroundIf(true);
        }
        try {
            inFlight.get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // Still fetching, or failed: verify with what is known (the token is then refused if its key is not in it).
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return keySet;
    }

    /** Fetches the JWKS now (within the budget); a failure keeps what was known. */
    public synchronized void refresh() {
        lastAttempt = Instant.now();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(jwksLocation)).timeout(BUDGET).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                lastError = "HTTP " + response.statusCode();
                return;
            }
            JsonNode keys = JSON.readTree(response.body()).path("keys");
            if (!keys.isArray()) {
                lastError = "no keys array";
                return;
            }
            Set<String> now = new HashSet<>();
            keys.forEach(key -> {
                if (key.hasNonNull("kid")) {
                    now.add(key.get("kid").asText());
                }
            });
            if (now.isEmpty()) {
                // A realm always has a signing key: an empty set is the issuer failing, not every key retired at once.
                lastError = "no keys";
                return;
            }
            Set<String> gone = new HashSet<>(withdrawn);
            if (published != null) {
                published.stream().filter(kid -> !now.contains(kid)).forEach(gone::add);
            }
            gone.removeAll(now);   // a key published again is trusted again
            boolean newlyWithdrawn = !withdrawn.containsAll(gone);
            withdrawn = gone.size() > MAX_WITHDRAWN ? Set.copyOf(gone.stream().limit(MAX_WITHDRAWN).toList()) : Set.copyOf(gone);
            published = Set.copyOf(now);
            keySet = new KeySet(response.body(), published);
            lastSuccess = Instant.now();
            lastError = null;
            if (newlyWithdrawn) {
                withdrawalListeners.forEach(listener -> listener.accept(withdrawn));
            }
        } catch (IOException | IllegalArgumentException e) {
            lastError = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastError = "interrupted";
        }
    }

    /** Told the withdrawn key ids whenever a fetch finds a key gone (the token cache drops their tokens at once). */
    public void onWithdrawal(java.util.function.Consumer<Set<String>> listener) {
        withdrawalListeners.add(listener);
    }

    /** True for a key id the issuer published earlier and no longer does. */
    public boolean withdrawn(String kid) {
        return kid != null && withdrawn.contains(kid);
    }

    public String location() {
        return jwksLocation;
    }

    public Instant lastSuccess() {
        return lastSuccess;
    }

    public String lastError() {
        return lastError;
    }
}
