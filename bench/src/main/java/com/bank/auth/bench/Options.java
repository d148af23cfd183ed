package com.bank.auth.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

/**
 * How long and where: {@code --quick} runs every scenario for a few seconds (CI proves the bench still works; the
 * figures mean little), the full run long enough for the JIT to settle and alternates each A/B pair {@link #rounds}
 * times. Reports go to {@code bench/results} (full) or the suite's state folder (quick, never committed).
 */
record Options(boolean quick, Path root, Path suiteState, Path out, Duration warmup, Duration measure, int rounds,
        int connections, int journeyUsers, Duration journeyLength, String serverCpus, Set<String> only) {

    static Options parse(String[] args) {
        boolean quick = false;
        Set<String> only = Set.of();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--only=")) {
                only = Set.of(arg.substring("--only=".length()).toUpperCase(java.util.Locale.ROOT).split(","));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + " (--quick, --only=B1,B4)");
            }
        }
        Path root = Path.of(env("BANK_BENCH_ROOT", ".")).toAbsolutePath().normalize();
        Path state = Path.of(env("BANK_SUITE_STATE", root.resolve(".suite").toString()));
        // A quick or partial (--only) run never overwrites a full report: it is written to the suite's state folder.
        Path out = quick || !only.isEmpty() ? state.resolve("bench") : root.resolve("bench/results");
        return quick
                ? new Options(true, root, state, out, Duration.ofSeconds(2), Duration.ofSeconds(3), 1, 16, 5, Duration.ofSeconds(10), env("BANK_BENCH_SERVER_CPUS", "0"), only)
                : new Options(false, root, state, out, Duration.ofSeconds(15), Duration.ofSeconds(15), 3, 16, 50, Duration.ofSeconds(60), env("BANK_BENCH_SERVER_CPUS", "0"), only);
    }

    String date() {
        return LocalDate.now().toString();
    }

    boolean runs(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
