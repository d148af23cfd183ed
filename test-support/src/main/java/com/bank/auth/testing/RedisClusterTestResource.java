package com.bank.auth.testing;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Redis Cluster on loopback (three primaries, three replicas, the 16,384 slots split over the primaries): reuses
 * the one {@code ./suite test} or {@code ./suite redis-cluster up} started, otherwise starts it once per test JVM through
 * {@code ./suite redis-cluster up} and stops it when the JVM exits. Points the Quarkus Redis client at it with
 * {@code client-type=cluster}, as the chart does with {@code redis.mode=cluster}.
 */
public class RedisClusterTestResource implements QuarkusTestResourceLifecycleManager {

    private static final AtomicBoolean STARTED_BY_US = new AtomicBoolean();
    /** The first node's port; the cluster has six, on this port and the five after it. */
    public static final int BASE = Integer.parseInt(System.getenv().getOrDefault("BANK_REDIS_CLUSTER_PORT", "7000"));

    @Override
    public Map<String, String> start() {
        if (!healthy() && STARTED_BY_US.compareAndSet(false, true)) {
            SuiteScript.run("redis-cluster", "up");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> SuiteScript.run("redis-cluster", "down")));
        }
        if (!healthy()) {
            throw new IllegalStateException("no healthy Redis Cluster answers on 127.0.0.1:" + BASE + " (./suite redis-cluster up)");
        }
        String nodes = IntStream.range(0, 6).mapToObj(i -> "redis://127.0.0.1:" + (BASE + i)).collect(Collectors.joining(","));
        return Map.of("quarkus.redis.client-type", "cluster", "quarkus.redis.hosts", nodes,
                // Ids from before hash tags cannot work on a cluster (DESIGN 4): the service refuses to start without this.
                "bank.sessions.untagged-ids", "refuse");
    }

    @Override
    public void stop() {
        // The cluster lives for the whole test JVM (see start()).
    }

    /** CLUSTER INFO on the first node says {@code cluster_state:ok}. */
    private static boolean healthy() {
        String reply = LoopbackRedis.reply(BASE, "CLUSTER INFO");
        return reply != null && reply.contains("cluster_state:ok");
    }
}
