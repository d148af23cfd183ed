package com.bank.auth.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dependency frozen with SIGSTOP: its sockets stay open and nothing answers, what a hung IdP or a stalled Redis looks
 * like. Always resumed by {@link #close()} (use it in try-with-resources).
 */
final class Frozen implements AutoCloseable {

    private final String target;

    private Frozen(String target) {
        this.target = target;
        signal("STOP");
    }

    /** Keycloak's whole process group, as ./suite started it (its pid file). */
    static Frozen keycloak() throws IOException {
        return suiteProcess("keycloak");
    }

    /** One of the suite's services ({@code mfa-service}, {@code payments-service}, …), as ./suite started it. */
    static Frozen suiteProcess(String name) throws IOException {
        Path state = Path.of(System.getenv().getOrDefault("BANK_SUITE_STATE", Path.of("..", ".suite").toString()));
        String pid = Files.readString(state.resolve("pids/" + name + ".pid")).trim();
        return new Frozen("-" + pid);
    }

    /** One process (a second replica a test started). */
    static Frozen process(long pid) {
        return new Frozen(String.valueOf(pid));
    }

    /** The Redis server session-service uses: its pid from {@code INFO server}. */
    static Frozen redis() throws IOException {
        Matcher pid = Pattern.compile("process_id:(\\d+)").matcher(Redis.command("INFO", "server"));
        if (!pid.find()) {
            throw new IOException("INFO server named no process_id");
        }
        return new Frozen(pid.group(1));
    }

    @Override
    public void close() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, "--", target).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + target + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
