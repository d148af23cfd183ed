package com.bank.auth.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Kills one primary of the loopback Redis Cluster ({@code ./suite redis-cluster}) and brings it back, where it rejoins
 * as a replica of the node promoted in its place (it keeps its cluster config file), so the cluster is whole again.
 */
public final class ClusterFailover {

    private ClusterFailover() {
    }

    /** The ports of the primaries that serve slots now, as a surviving node sees it. */
    public static List<Integer> primaries(int askPort) {
        String nodes = LoopbackRedis.reply(askPort, "CLUSTER NODES");
        List<Integer> ports = new ArrayList<>();
        if (nodes == null) {
            return ports;
        }
        for (String line : nodes.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length > 8 && f[2].contains("master") && !f[2].contains("fail") && f[7].equals("connected")) {
                ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1, f[1].indexOf('@'))));
            }
        }
        return ports;
    }

    /** Whether the node on {@code port} holds {@code key} (a primary holds the keys of its slots). */
    public static boolean holds(int port, String key) {
        String reply = LoopbackRedis.reply(port, "EXISTS " + key);
        return reply != null && reply.startsWith(":1");
    }

    /** SHUTDOWN NOSAVE on {@code port}: its connections drop and nothing answers there. */
    public static void kill(int port) {
        LoopbackRedis.reply(port, "SHUTDOWN NOSAVE");
    }

    /** Waits until a surviving node reports the cluster whole (every slot served) without {@code killed}; how long it took. */
    public static Duration awaitHealedWithout(int killed, int askPort, Duration within) throws InterruptedException {
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(within) < 0) {
            String info = LoopbackRedis.reply(askPort, "CLUSTER INFO");
            if (info != null && info.contains("cluster_state:ok") && primaries(askPort).size() == 3 && !primaries(askPort).contains(killed)) {
                return Duration.between(start, Instant.now());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the cluster did not heal within " + within);
    }

    /** Starts {@code port} again with its cluster config: it rejoins as a replica; waits until it is connected. */
    public static void rejoin(int port, int askPort) throws IOException, InterruptedException {
        Path dir = SuiteScript.repositoryRoot().resolve(System.getenv().getOrDefault("BANK_SUITE_STATE", ".suite")).resolve("redis-cluster");
        Process started = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--daemonize", "yes",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--cluster-enabled", "yes",
                "--cluster-config-file", "nodes-" + port + ".conf", "--cluster-node-timeout", "3000",
                "--pidfile", dir.resolve("redis-" + port + ".pid").toString(), "--logfile", dir.resolve("redis-" + port + ".log").toString()))
                .inheritIO().start();
        if (started.waitFor() != 0) {
            throw new IllegalStateException("redis-server did not start on " + port);
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String nodes = LoopbackRedis.reply(askPort, "CLUSTER NODES");
            if (nodes != null && nodes.lines().anyMatch(l -> l.contains(":" + port + "@") && l.contains("slave") && !l.contains("fail")
                    && l.contains("connected"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("node " + port + " did not rejoin the cluster");
    }
}
