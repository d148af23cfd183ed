package com.bank.auth.bench;

import java.util.List;

/**
 * When a warm-up has done its work: a JVM is still warming while one of its last two runs was at least 5% faster than
 * every run before it. Two runs, not one, because on a shared 2-core machine one run in a climbing series can come out
 * slow (payments once: 176, 491, 1,076, 770, then faster again), and a single slow run must not end the warm-up.
 */
final class WarmUpRule {

    private static final double GAIN = 1.05;

    private WarmUpRule() {
    }

    /** {@code rates}: req/s of each warm-up run so far, in order. */
    static boolean stillWarming(List<Double> rates) {
        int n = rates.size();
        return n < 3 || improved(rates, n - 1) || improved(rates, n - 2);
    }

    private static boolean improved(List<Double> rates, int run) {
        double best = rates.subList(0, run).stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return rates.get(run) >= GAIN * best;
    }
}
