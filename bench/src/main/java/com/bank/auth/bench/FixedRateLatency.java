package com.bank.auth.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latency at a fixed rate (issue 25: the added latency of the BFF hop at 500 req/s): requests start on a schedule,
 * whether or not earlier ones answered, and each latency counts from its scheduled start (no coordinated omission,
 * which wrk's closed loop has). Java's HttpClient, as in B7: wrk2 is not packaged by Debian.
 */
final class FixedRateLatency {

    /** {@code failures}: what the errors were ("status 401", "HttpTimeoutException"), most frequent first. */
    record Result(double p50Ms, double p99Ms, long requests, long errors, String failures) {
    }

    private FixedRateLatency() {
    }

    /** A request not answered within this counts as an error (the run stays bounded however slow the server is). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /**
     * A client for one target, kept from the warm-up to the measured run: its pool then holds the connections the rate
     * needs, and the measured run does not start by opening them (a new client's first requests each open one, and their
     * handshakes land in the p99).
     */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    static Result run(HttpClient http, HttpRequest template, int perSecond, Duration length) {
        HttpRequest request = HttpRequest.newBuilder(template, (name, value) -> true).timeout(REQUEST_TIMEOUT).build();
        long periodNanos = 1_000_000_000L / perSecond;
        long total = length.toSeconds() * perSecond;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        java.util.Map<String, AtomicLong> causes = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<?>> pending = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime() + 50_000_000L;
        try {
            for (long i = 0; i < total; i++) {
                long due = start + i * periodNanos;
                clock.schedule(() -> pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> {
                            if (failure != null || response.statusCode() != 200) {
                                String cause = failure != null ? rootCause(failure).getClass().getSimpleName() : "status " + response.statusCode();
                                causes.computeIfAbsent(cause, c -> new AtomicLong()).incrementAndGet();
                            } else {
                                latencies.add(System.nanoTime() - due);
                            }
                        })), due - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            clock.shutdown();
            clock.awaitTermination(length.toSeconds() + 30, TimeUnit.SECONDS);
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(REQUEST_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fixed-rate run did not finish", e);
        } finally {
            clock.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        String failures = causes.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get()))
                .map(e -> String.format("%,d %s", e.getValue().get(), e.getKey())).collect(java.util.stream.Collectors.joining(", "));
        long errors = causes.values().stream().mapToLong(AtomicLong::get).sum();
        return new Result(percentile(sorted, 0.50), percentile(sorted, 0.99), total, errors, failures);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }
}
