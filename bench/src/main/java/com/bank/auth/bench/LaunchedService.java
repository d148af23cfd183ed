package com.bank.auth.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second instance of a service (or the hello app) started by the bench itself, born on the server cores with the
 * suite's heap, on ports of its own, so its start can be timed from the first instruction and its memory read alone.
 */
final class LaunchedService implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String name;
    final int port;
    private final Process process;
    private final long startedNanos;
    private final String readyUrl;
    private final File log;
    long readyMillis = -1;

    private LaunchedService(String name, int port, Process process, long startedNanos, String readyUrl, File log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
        this.readyUrl = readyUrl;
        this.log = log;
    }

    /**
     * Starts {@code jar} with {@code env} (the suite's settings for it) on {@code port}/{@code managementPort};
     * readiness is {@code /q/health/ready} on the management port, or {@code readyPath} on the public one without it.
     */
    static LaunchedService start(String name, Path jar, Map<String, String> env, int port, Integer managementPort, String readyPath,
            String cpus, List<String> jvmOptions, Path logDir) throws IOException {
        return start(JDK_JAVA, name, jar, env, port, managementPort, readyPath, cpus, jvmOptions, logDir);
    }

    /** The JDK the bench runs on (the suite's). */
    static final Path JDK_JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    /** The same, on the {@code java} given (the images' own runtime, for their AOT cache). */
    static LaunchedService start(Path java, String name, Path jar, Map<String, String> env, int port, Integer managementPort, String readyPath,
            String cpus, List<String> jvmOptions, Path logDir) throws IOException {
        // setsid: its own process group, as ./suite starts each component, so CpuTime counts it alone.
        List<String> command = new ArrayList<>(List.of("setsid", "taskset", "-c", cpus, java.toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        File log = logDir.resolve(name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        String readyUrl = "http://localhost:" + port + readyPath;
        if (managementPort != null) {
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            readyUrl = "http://localhost:" + managementPort + "/q/health/ready";
        }
        long started = System.nanoTime();
        return new LaunchedService(name, port, builder.start(), started, readyUrl, log);
    }

    /** Waits until ready; records how long that took since the process was spawned. */
    LaunchedService awaitReady(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start; log: " + log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(readyUrl)).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    readyMillis = (System.nanoTime() - startedNanos) / 1_000_000;
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(20);
        }
        throw new IllegalStateException(name + " not ready within " + limit + "; log: " + log);
    }

    /** The JVM's process, leader of its own group (setsid, then taskset and java exec in its place). */
    long pid() {
        return process.pid();
    }

    String url() {
        return "http://localhost:" + port;
    }

    double rssMiB() {
        return CpuTime.rssMiB(process.pid());
    }

    /** SIGTERM and wait: a JVM writing an AOT cache at exit finishes it first. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
