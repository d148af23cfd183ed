package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    /** One answer, with when its request left ({@code sent}) and when it came back ({@code at}). */
    private record Answer(long sent, long at, int status, boolean retried) {
    }

    @Test
    void aStoppingServiceLeavesReadinessFirstAndAnswersUntilThen() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        try (TestUser user = TestUser.create()) {
            String token = KeycloakLogin.signIn(Keycloak.local(), user.username(), user.password()).get("access_token").asText();
            PackagedService service = PackagedService.start("payments-service", "graceful-shutdown-payments", PORT, MANAGEMENT, environment());
            ExecutorService load = Executors.newFixedThreadPool(4);
            try {
                // A fresh JVM's first answers are slow (class loading, the JIT): warmed first, as a rollout's readiness
                // and a load balancer's slow start would, so that "steady traffic" below is about draining, not a cold start.
                for (int i = 0; i < 50; i++) {
                    status(http, HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/accounts")).header("Authorization", "Bearer " + token));
                }
                ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<Answer> readiness = new ConcurrentLinkedQueue<>();
                AtomicBoolean running = new AtomicBoolean(true);
                for (int i = 0; i < 3; i++) {
                    load.submit(() -> {
                        while (running.get()) {
                            long sent = System.nanoTime();
                            HttpRequest.Builder accounts = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/accounts"))
                                    .header("Authorization", "Bearer " + token);
                            int status = status(http, accounts);
                            boolean retry = status == 0;
                            if (retry) {
                                // While draining, the service closes keep-alive connections so clients move on; a GET that
                                // raced such a close is retried once on a new connection, as proxies and clients do.
                                status = status(http, accounts);
                            }
                            answers.add(new Answer(sent, System.nanoTime(), status, retry));
                        }
                        return null;
                    });
                }
                load.submit(() -> {
                    while (running.get()) {
                        long sent = System.nanoTime();
                        int status = status(http, HttpRequest.newBuilder(URI.create("http://localhost:" + MANAGEMENT + "/q/health/ready")));
                        readiness.add(new Answer(sent, System.nanoTime(), status, false));
                        Thread.sleep(50);
                    }
                    return null;
                });
                Thread.sleep(1500);
                long sigterm = System.nanoTime();
                assertTrue(service.terminate(Duration.ofSeconds(30)), "the service stopped within its shutdown timeout");
                Thread.sleep(300);
                running.set(false);
                load.shutdown();
                assertTrue(load.awaitTermination(10, TimeUnit.SECONDS));

                List<Answer> before = answers.stream().filter(a -> a.at() < sigterm).toList();
                assertTrue(before.size() > 10 && before.stream().allMatch(a -> a.status() == 200), "steady traffic before: " + summary(before));
                long readyDown = readiness.stream().filter(a -> a.at() > sigterm && a.status() != 200).mapToLong(Answer::at).min()
                        .orElseThrow(() -> new AssertionError("readiness never went down: " + summary(List.copyOf(readiness))));
                assertTrue(readyDown - sigterm < TimeUnit.MILLISECONDS.toNanos(1000), "readiness DOWN within a second of SIGTERM");
                // The delay runs from SIGTERM: requests sent after readiness went DOWN and answered well before the delay
                // ends must all be served (after it, keep-alive connections close: gone from readiness, that is allowed).
                long drainEnds = sigterm + DELAY.toNanos() - 500_000_000L;
                List<Answer> draining = answers.stream().filter(a -> a.sent() > readyDown && a.at() < drainEnds).toList();
                assertTrue(!draining.isEmpty() && draining.stream().allMatch(a -> a.status() == 200),
                        "requests answered normally while leaving readiness: " + summary(draining));
                List<Answer> errors = answers.stream().filter(a -> a.status() >= 500).toList();
                System.out.printf("[graceful-shutdown] readiness DOWN %d ms after SIGTERM; %s while draining (%d retried on a new connection); after SIGTERM in all: %s%n",
                        TimeUnit.NANOSECONDS.toMillis(readyDown - sigterm), summary(draining), draining.stream().filter(Answer::retried).count(),
                        summary(answers.stream().filter(a -> a.at() > sigterm).toList()));
                assertTrue(errors.stream().allMatch(a -> a.at() > readyDown), "no 5xx before readiness went down: " + summary(errors));
                List<Answer> failedEarly = answers.stream().filter(a -> a.status() != 200 && a.at() < drainEnds).toList();
                assertTrue(failedEarly.isEmpty(), "no request failed while the service was still draining: " + summary(failedEarly));
            } finally {
                load.shutdownNow();
                service.close();
            }
        }
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("QUARKUS_PROFILE", "local");
        env.put("QUARKUS_SHUTDOWN_DELAY", DELAY.toSeconds() + "S");
        env.put("QUARKUS_SHUTDOWN_TIMEOUT", "10S");
        env.put("BANK_KEYCLOAK_URL", Keycloak.local().url());
        env.put("BANK_MFA_URL", Suite.MFA);
        env.put("BANK_PG_HOST", System.getenv().getOrDefault("BANK_PG_HOST", "127.0.0.1"));
        env.put("BANK_PG_PORT", System.getenv().getOrDefault("BANK_PG_PORT", "5432"));
        env.put("BANK_PG_DATABASE", System.getenv().getOrDefault("BANK_PG_DATABASE", "bank"));
        env.put("QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("BANK_PG_USER", "postgres"));
        env.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("BANK_PG_PASSWORD", ""));
        return env;
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
