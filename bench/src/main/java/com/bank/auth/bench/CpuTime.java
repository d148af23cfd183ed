package com.bank.auth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time (user + system) of every process in a process group, from /proc: ./suite starts each component in its
 * own session, so a group is Keycloak's launcher script with its JVM, or one service. Resolution: one clock tick.
 */
final class CpuTime {

    /** USER_HZ: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)); /proc/[pid]/stat counts in it. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuTime() {
    }

    static long ofGroupNanos(long pgid) {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().matches("[0-9]+"))::iterator) {
                String[] fields = stat(process);
                if (fields != null && Long.parseLong(fields[2]) == pgid) {
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        return ticks * NANOS_PER_TICK;
    }

    /** The fields after "(comm)" of /proc/[pid]/stat: [0] is state, [2] the process group, [11]/[12] utime/stime. */
    private static String[] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;   // the process ended meanwhile
        }
    }

    /** Resident memory of one process in MiB (VmRSS). */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone", e);
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
