package com.bank.auth.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

    /** The Redis server session-service uses: its pid from {@code INFO server}. */
    static Frozen redis() throws IOException {
        String host = System.getenv().getOrDefault("BANK_REDIS_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("BANK_REDIS_PORT", "6379"));
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            byte[] buffer = new byte[8192];
            Matcher pid;
            do {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("Redis closed the connection");
                }
                reply.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
                pid = Pattern.compile("process_id:(\\d+)").matcher(reply);
            } while (!pid.find());
            return new Frozen(pid.group(1));
        }
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
