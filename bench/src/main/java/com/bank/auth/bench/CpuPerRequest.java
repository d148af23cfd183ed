package com.bank.auth.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU per request of each process on a path (issue 25): the CPU time (user + system, from /proc) every process group
 * spent while a load ran, over the requests it served. Accumulated over every measured run of one side of a pair, so
 * the figure is not one run's noise.
 */
final class CpuPerRequest {

    private final Map<String, Long> groups;
    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long requests;

    /** {@code groups}: a name for each process group on the path, in the order the report lists them. */
    CpuPerRequest(Map<String, Long> groups) {
        this.groups = groups;
        groups.keySet().forEach(name -> nanos.put(name, 0L));
    }

    /** The same run, with the CPU its processes spent counted. */
    Supplier<Wrk.Result> counting(Supplier<Wrk.Result> run) {
        return () -> count(run, Wrk.Result::requests);
    }

    /** Runs {@code run} now, counting the CPU its processes spent on the {@code served} requests it made. */
    <T> T count(Supplier<T> run, java.util.function.ToLongFunction<T> served) {
        Map<String, Long> before = sample();
        T result = run.get();
        Map<String, Long> after = sample();
        synchronized (this) {
            groups.keySet().forEach(name -> nanos.merge(name, after.get(name) - before.get(name), Long::sum));
            requests += served.applyAsLong(result);
        }
        return result;
    }

    /** µs per request of each process. */
    synchronized Map<String, Double> micros() {
        Map<String, Double> micros = new LinkedHashMap<>();
        nanos.forEach((name, spent) -> micros.put(name, requests == 0 ? Double.NaN : spent / 1e3 / requests));
        return micros;
    }

    /** "auth-bff 120 µs + session-service 8 µs + … = 290 µs". */
    String describe() {
        Map<String, Double> micros = micros();
        StringBuilder text = new StringBuilder();
        micros.forEach((name, us) -> text.append(text.isEmpty() ? "" : " + ").append(name).append(' ').append(String.format("%,.0f µs", us)));
        return text.append(String.format(" = %,.0f µs", micros.values().stream().mapToDouble(Double::doubleValue).sum())).toString();
    }

    private Map<String, Long> sample() {
        Map<String, Long> sample = new LinkedHashMap<>();
        groups.forEach((name, pgid) -> sample.put(name, CpuTime.ofGroupNanos(pgid)));
        return sample;
    }

    /** The process group of the Redis server at host:port ({@code INFO server}'s process_id; redis-server leads its group). */
    static long redisGroup(String host, String port) {
        try {
            String info = Processes.output(List.of("redis-cli", "-h", host, "-p", port, "INFO", "server"), Duration.ofSeconds(10));
            Matcher pid = Pattern.compile("process_id:(\\d+)").matcher(info);
            if (!pid.find()) {
                throw new IllegalStateException("redis-cli INFO server named no process_id");
            }
            return Long.parseLong(pid.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli failed (apt-get install redis-tools)", e);
        }
    }
}
