package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakLogin;
import com.bank.auth.testing.TestUser;

/**
 * A rolling update drops no request: a second payments-service (the packaged jar, its own ports) serves a user's
 * traffic, gets SIGTERM as Kubernetes would send it, and is watched from outside. Readiness goes DOWN at once while
 * requests are still answered (quarkus.shutdown.delay, the time a Service needs to stop routing to the pod); only
 * after that may a request get a 5xx, and none gets one before.
 */
class GracefulShutdownIT {

    private static final int PORT = 18581;
    private static final int MANAGEMENT = 19581;
    private static final Duration DELAY = Duration.ofSeconds(3);

    private record Answer(long at, int status) {
    }

    @Test
    void aStoppingServiceLeavesReadinessFirstAndAnswersUntilThen() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try (TestUser user = TestUser.create()) {
            String token = KeycloakLogin.signIn(Keycloak.local(), user.username(), user.password()).get("access_token").asText();
            Process service = start();
            ExecutorService load = Executors.newFixedThreadPool(4);
            try {
                awaitReady(http, service);
                ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<Answer> readiness = new ConcurrentLinkedQueue<>();
                AtomicBoolean running = new AtomicBoolean(true);
                for (int i = 0; i < 3; i++) {
                    load.submit(() -> {
                        while (running.get()) {
                            answers.add(new Answer(System.nanoTime(), status(http, HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/accounts"))
                                    .header("Authorization", "Bearer " + token))));
                        }
                        return null;
                    });
                }
                load.submit(() -> {
                    while (running.get()) {
                        readiness.add(new Answer(System.nanoTime(), status(http, HttpRequest.newBuilder(URI.create("http://localhost:" + MANAGEMENT + "/q/health/ready")))));
                        Thread.sleep(50);
                    }
                    return null;
                });
                Thread.sleep(1500);
                long sigterm = System.nanoTime();
                service.destroy();   // SIGTERM
                assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service stopped within its shutdown timeout");
                Thread.sleep(300);
                running.set(false);
                load.shutdown();
                assertTrue(load.awaitTermination(10, TimeUnit.SECONDS));

                List<Answer> before = answers.stream().filter(a -> a.at() < sigterm).toList();
                assertTrue(before.size() > 10 && before.stream().allMatch(a -> a.status() == 200), "steady traffic before: " + summary(before));
                long readyDown = readiness.stream().filter(a -> a.at() > sigterm && a.status() != 200).mapToLong(Answer::at).min()
                        .orElseThrow(() -> new AssertionError("readiness never went down: " + summary(List.copyOf(readiness))));
                assertTrue(readyDown - sigterm < TimeUnit.MILLISECONDS.toNanos(1000), "readiness DOWN within a second of SIGTERM");
                List<Answer> draining = answers.stream().filter(a -> a.at() > readyDown && a.at() < readyDown + DELAY.toNanos() - 500_000_000L).toList();
                assertTrue(!draining.isEmpty() && draining.stream().allMatch(a -> a.status() == 200),
                        "requests answered normally while leaving readiness: " + summary(draining));
                List<Answer> errors = answers.stream().filter(a -> a.status() >= 500).toList();
                System.out.printf("[graceful-shutdown] readiness DOWN %d ms after SIGTERM; %s while draining; after SIGTERM in all: %s%n",
                        TimeUnit.NANOSECONDS.toMillis(readyDown - sigterm), summary(draining),
                        summary(answers.stream().filter(a -> a.at() > sigterm).toList()));
                assertTrue(errors.stream().allMatch(a -> a.at() > readyDown), "no 5xx before readiness went down: " + summary(errors));
            } finally {
                load.shutdownNow();
                service.destroyForcibly();
            }
        }
    }

    private static Process start() throws Exception {
        Path jar = Path.of("..", "payments-service", "target", "quarkus-app", "quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(new File("target/graceful-shutdown-payments.log"));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_PROFILE", "local");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(PORT));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(MANAGEMENT));
        env.put("QUARKUS_SHUTDOWN_DELAY", DELAY.toSeconds() + "S");
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", "10S");
        env.put("BANK_KEYCLOAK_URL", Keycloak.local().url());
        env.put("BANK_MFA_URL", Suite.MFA);
        env.put("BANK_PG_HOST", System.getenv().getOrDefault("BANK_PG_HOST", "127.0.0.1"));
        env.put("BANK_PG_PORT", System.getenv().getOrDefault("BANK_PG_PORT", "5432"));
        env.put("BANK_PG_DATABASE", System.getenv().getOrDefault("BANK_PG_DATABASE", "bank"));
        env.put("QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("BANK_PG_USER", "postgres"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("BANK_PG_PASSWORD", ""));
        return builder.start();
    }

    private static void awaitReady(HttpClient http, Process service) throws InterruptedException {
        for (int i = 0; i < 240; i++) {
            if (!service.isAlive()) {
                throw new AssertionError("the second payments-service stopped; see system-tests/target/graceful-shutdown-payments.log");
            }
            if (status(http, HttpRequest.newBuilder(URI.create("http://localhost:" + MANAGEMENT + "/q/health/ready"))) == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the second payments-service did not become ready");
    }

    /** The HTTP status, or 0 when nothing answers (connection refused: the process is gone). */
    private static int status(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static String summary(List<Answer> answers) {
        Map<Integer, Long> byStatus = new java.util.TreeMap<>();
        answers.forEach(a -> byStatus.merge(a.status(), 1L, Long::sum));
        return answers.size() + " answers " + byStatus;
    }
}
