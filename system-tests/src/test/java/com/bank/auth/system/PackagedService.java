package com.bank.auth.system;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second instance of one of the suite's services, started from its packaged jar on ports of its own, for tests that
 * must stop it or configure it differently without touching the chain ./suite runs. Its output goes to
 * {@code system-tests/target/<name>.log}.
 */
final class PackagedService implements AutoCloseable {

    private final String name;
    private final int managementPort;
    private final Process process;

    private PackagedService(String name, int managementPort, Process process) {
        this.name = name;
        this.managementPort = managementPort;
        this.process = process;
    }

    /** Starts {@code module}'s jar with {@code env} (ports included) and waits until it is ready. */
    static PackagedService start(String module, String name, int port, int managementPort, Map<String, String> env) throws IOException {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(new File("target/" + name + ".log"));
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        PackagedService service = new PackagedService(name, managementPort, builder.start());
        service.awaitReady();
        return service;
    }

    /** The settings ./suite started {@code module} with (its env file in the suite's state), to change a few of them. */
    static Map<String, String> suiteEnvironment(String module) throws IOException {
        Path state = Path.of(System.getenv().getOrDefault("BANK_SUITE_STATE", Path.of("..", ".suite").toString()));
        Map<String, String> env = new java.util.HashMap<>();
        for (String line : Files.readAllLines(state.resolve("pids").resolve(module + ".env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    /** Frozen with SIGSTOP until the answer is closed: its sockets stay open and it answers nothing. */
    Frozen freeze() {
        return Frozen.process(process.pid());
    }

    /** SIGTERM, as Kubernetes stops a pod; true once the process has ended within {@code wait}. */
    boolean terminate(Duration wait) throws InterruptedException {
        process.destroy();
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            for (int i = 0; i < 240; i++) {
                if (!process.isAlive()) {
                    throw new AssertionError("the second " + name + " stopped; see system-tests/target/" + name + ".log");
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException starting) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        throw new AssertionError("the second " + name + " did not become ready; see system-tests/target/" + name + ".log");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
