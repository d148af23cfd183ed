package com.bank.auth.testing;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Redis Sentinel group on loopback (one primary, two replicas, three Sentinels, master group {@code mymaster}):
 * reuses the one {@code ./suite test} or {@code ./suite redis-sentinel up} started, otherwise starts it once per test
 * JVM through {@code ./suite redis-sentinel up} and stops it when the JVM exits. Points the Quarkus Redis client at the
 * Sentinels, as the chart does with {@code redis.mode=sentinel}.
 */
public class RedisSentinelTestResource implements QuarkusTestResourceLifecycleManager {

    private static final AtomicBoolean STARTED_BY_US = new AtomicBoolean();
    private static final int BASE = Integer.parseInt(System.getenv().getOrDefault("BANK_REDIS_SENTINEL_PORT", "7100"));

    @Override
    public Map<String, String> start() {
        if (!answers(BASE + 10) && STARTED_BY_US.compareAndSet(false, true)) {
            SuiteScript.run("redis-sentinel", "up");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> SuiteScript.run("redis-sentinel", "down")));
        }
        if (!answers(BASE + 10)) {
            throw new IllegalStateException("no Redis Sentinel answers on 127.0.0.1:" + (BASE + 10) + " (./suite redis-sentinel up)");
        }
        String sentinels = IntStream.rangeClosed(10, 12).mapToObj(i -> "redis://127.0.0.1:" + (BASE + i)).collect(Collectors.joining(","));
        // As the chart: the master group's primary, found again through the Sentinels after a failover.
        return Map.of("quarkus.redis.client-type", "sentinel", "quarkus.redis.hosts", sentinels, "quarkus.redis.master-name", "mymaster",
                "quarkus.redis.role", "master", "quarkus.redis.auto-failover", "true");
    }

    @Override
    public void stop() {
        // The group lives for the whole test JVM (see start()).
    }

    /** A Sentinel that knows master group mymaster answers on this port. */
    private static boolean answers(int port) {
        String reply = LoopbackRedis.reply(port, "SENTINEL get-master-addr-by-name mymaster");
        return reply != null && reply.length() > 1 && reply.charAt(0) == '*' && reply.charAt(1) != '-';
    }
}
