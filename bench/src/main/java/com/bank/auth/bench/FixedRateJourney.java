package com.bank.auth.bench;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.bank.auth.testing.TestUser;

/**
 * B7: customers arriving at a fixed rate (an open model), each signing in through Keycloak's form, listing accounts,
 * paying three small amounts, listing again and signing out. A journey starts when its time comes, whether or not
 * earlier ones have finished, and its latency counts from that time: a slow server makes journeys queue and shows in
 * the percentiles instead of slowing the load down (no coordinated omission, which a closed-loop tool like wrk has).
 * Why not wrk2 or Hyperfoil: wrk2 is not packaged by Debian and Hyperfoil does not resolve from this Maven mirror; a
 * journey through Keycloak's login form needs a client that keeps cookies and parses a form anyway.
 */
final class FixedRateJourney {

    static final List<String> STEPS = List.of("sign-in", "accounts", "payment", "sign-out", "journey");

    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> paid = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> booked = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();
    private static final int MAX_PAYMENT_ATTEMPTS = 4;
    private long journeys;

    record Outcome(long journeys, Map<String, double[]> percentilesMs, Map<String, Long> errors, List<String> balanceMismatches, double rate,
            long paymentRetries) {
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Percentiles reported per step, in this order (100 = the slowest). */
    static final double[] PERCENTILES = { 50, 75, 90, 99, 99.9, 100 };

    Outcome run(String bff, List<TestUser> users, Duration length, Duration everyUser) throws InterruptedException {
        // Each user pays the next one: a trusted payee (DESIGN 5a, RTS Art. 13), so the journey's small payments stay
        // exempt however many it makes; the bench measures the hop, not the SCA policy.
        for (int i = 0; i < users.size(); i++) {
            users.get(i).trust("Bench payee", users.get((i + 1) % users.size()).iban());
        }
        STEPS.forEach(step -> latencies.put(step, Collections.synchronizedList(new ArrayList<>())));
        double rate = users.size() / (everyUser.toMillis() / 1000.0);
        long intervalNanos = (long) (1_000_000_000L / rate);
        long total = Math.max(1, (long) (length.toSeconds() * rate));
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long intended = start + i * intervalNanos;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                TestUser user = users.get((int) (i % users.size()));
                TestUser payee = users.get((int) ((i + 1) % users.size()));
                pool.submit(() -> journey(bff, user, payee, intended));
            }
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.MINUTES);
        }
        journeys = total;
        Map<String, double[]> percentiles = new LinkedHashMap<>();
        for (String step : STEPS) {
            percentiles.put(step, percentiles(latencies.get(step)));
        }
        Map<String, Long> errorCounts = new LinkedHashMap<>();
        errors.forEach((what, count) -> errorCounts.put(what, count.get()));
        return new Outcome(journeys, percentiles, errorCounts, balanceMismatches(users), rate, retries.get());
    }

    private void journey(String bff, TestUser user, TestUser payee, long intended) {
        BffClient browser = new BffClient(bff);
        try {
            long t = System.nanoTime();
            browser.signIn(user);
            t = record("sign-in", t);
            expect("accounts", browser.get("/api/accounts"), 200);
            t = record("accounts", t);
            for (int i = 0; i < 3; i++) {
                pay(browser, user, payee);
                t = record("payment", t);
            }
            expect("accounts", browser.get("/api/accounts"), 200);
            t = record("accounts", t);
            expect("sign-out", browser.postAsApp("/bff/logout", ""), 200);
            record("sign-out", t);
            latencies.get("journey").add(System.nanoTime() - intended);
        } catch (RuntimeException e) {
            errors.computeIfAbsent(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("?"),
                    k -> new AtomicLong()).incrementAndGet();
        }
    }

    /**
     * One payment as the web app makes it: a 503 (the answer did not come in time; payments may have booked it all
     * the same) is retried with the same Idempotency-Key and body, as the SPA does, and the booking must then be
     * exactly one (201, or 200 for a replay of it). The balance check below proves it.
     */
    private void pay(BffClient browser, TestUser user, TestUser payee) {
        BigDecimal amount = BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(1, 1000), 2);
        String body = """
                {"debtorAccount":"%s","creditor":{"name":"Bench payee","iban":"%s"},"amount":"%s","currency":"EUR","remittance":"bench journey"}"""
                .formatted(user.iban(), payee.iban(), amount.toPlainString());
        String key = java.util.UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= MAX_PAYMENT_ATTEMPTS; attempt++) {
            HttpResponse<String> payment = browser.postAsApp("/api/payments", body, key);
            if (payment.statusCode() == 201 || payment.statusCode() == 200) {
                paid.merge(user.sub(), amount, BigDecimal::add);
                booked.computeIfAbsent(user.sub(), k -> new AtomicLong()).incrementAndGet();
                return;
            }
            if (payment.statusCode() != 503) {
                throw new IllegalStateException("payment answered " + payment.statusCode());
            }
            retries.incrementAndGet();
            LaunchedService.sleep(1000L * Long.parseLong(payment.headers().firstValue("Retry-After").orElse("1")));
        }
        throw new IllegalStateException("payment answered 503 " + MAX_PAYMENT_ATTEMPTS + " times");
    }

    private long record(String step, long since) {
        long now = System.nanoTime();
        latencies.get(step).add(now - since);
        return now;
    }

    private static void expect(String step, HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(step + " answered " + response.statusCode());
        }
    }

    /** Every test user's balance is exactly 1,000,000.00 minus what its 201 answers booked, and no payment more. */
    private List<String> balanceMismatches(List<TestUser> users) {
        List<String> mismatches = new ArrayList<>();
        String url = "jdbc:postgresql://" + env("BANK_PG_HOST", "127.0.0.1") + ":" + env("BANK_PG_PORT", "5432") + "/" + env("BANK_PG_DATABASE", "bank");
        try (Connection db = DriverManager.getConnection(url, env("BANK_PG_USER", "postgres"), env("BANK_PG_PASSWORD", ""));
                PreparedStatement balance = db.prepareStatement("SELECT balance FROM payments.account WHERE owner_sub = ?");
                PreparedStatement count = db.prepareStatement("SELECT count(*) FROM payments.payment WHERE owner_sub = ?")) {
            for (TestUser user : users) {
                BigDecimal expected = new BigDecimal("1000000.00").subtract(paid.getOrDefault(user.sub(), BigDecimal.ZERO));
                balance.setString(1, user.sub());
                count.setString(1, user.sub());
                try (ResultSet b = balance.executeQuery(); ResultSet c = count.executeQuery()) {
                    b.next();
                    c.next();
                    long payments = booked.getOrDefault(user.sub(), new AtomicLong()).get();
                    if (b.getBigDecimal(1).compareTo(expected) != 0 || c.getLong(1) != payments) {
                        mismatches.add(user.username() + ": balance " + b.getBigDecimal(1) + " expected " + expected + ", "
                                + c.getLong(1) + " payments expected " + payments);
                    }
                }
            }
        } catch (SQLException e) {
            mismatches.add("balances not readable: " + e.getMessage());
        }
        return mismatches;
    }

    static double[] percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        double[] values = new double[PERCENTILES.length];
        for (int i = 0; i < PERCENTILES.length; i++) {
            if (sorted.isEmpty()) {
                values[i] = Double.NaN;
                continue;
            }
            int index = (int) Math.ceil(PERCENTILES[i] / 100.0 * sorted.size()) - 1;
            values[i] = sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
        }
        return values;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
