package com.bank.auth.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Kills the primary of the loopback Sentinel group ({@code ./suite redis-sentinel}) and brings it back as a replica of
 * whichever node the Sentinels promoted, so the group has a primary and two replicas again for the tests after it.
 */
public final class SentinelFailover {

    private static final int BASE = Integer.parseInt(System.getenv().getOrDefault("BANK_REDIS_SENTINEL_PORT", "7100"));

    private SentinelFailover() {
    }

    /** The port of the primary the Sentinels name now. */
    public static int primaryPort() {
        String reply = LoopbackRedis.reply(BASE + 10, "SENTINEL get-master-addr-by-name mymaster");
        if (reply == null) {
            throw new IllegalStateException("no Sentinel answers on " + (BASE + 10));
        }
        // *2\r\n$9\r\n127.0.0.1\r\n$4\r\n7100\r\n
        String[] lines = reply.split("\r\n");
        return Integer.parseInt(lines[4]);
    }

    /** The primary dies at once (SHUTDOWN NOSAVE: its connections drop, nothing answers on its port); its port. */
    public static int killPrimary() {
        int port = primaryPort();
        LoopbackRedis.reply(port, "SHUTDOWN NOSAVE");
        return port;
    }

    /** Waits until the Sentinels name a primary other than {@code oldPort} (or {@code within} passes); its port. */
    public static int awaitNewPrimary(int oldPort, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            int now = primaryPort();
            if (now != oldPort) {
                return now;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Sentinels promoted no replica within " + within);
    }

    /** Starts a Redis on {@code port} again, as a replica of {@code primaryPort}, where ./suite redis-sentinel down finds it. */
    public static void rejoinAsReplica(int port, int primaryPort) throws IOException, InterruptedException {
        Path dir = SuiteScript.repositoryRoot().resolve(System.getenv().getOrDefault("BANK_SUITE_STATE", ".suite")).resolve("redis-sentinel");
        Process started = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--daemonize", "yes",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--pidfile", dir.resolve("redis-" + port + ".pid").toString(),
                "--logfile", dir.resolve("redis-" + port + ".log").toString(), "--replicaof", "127.0.0.1", String.valueOf(primaryPort)))
                .inheritIO().start();
        if (started.waitFor() != 0) {
            throw new IllegalStateException("redis-server did not start on " + port);
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String replication = LoopbackRedis.reply(primaryPort, "INFO replication");
            if (replication != null && replication.contains("connected_slaves:2")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the restarted node did not rejoin as a replica of " + primaryPort);
    }
}
