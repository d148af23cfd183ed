package com.bank.auth.session.rest;

import static com.bank.auth.session.rest.SessionApi.bff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * Four callers looking sessions up without pause while a failover happens, and what they got: each answer's time
 * (since the kill) and status. The failover tests assert on the statuses and write the window of 503s to target/.
 */
final class FailoverLoad implements AutoCloseable {

    /** Each caller gives up after this: longer than any budget, so a hang shows as a status 0, not as a wait. */
    private static final RestAssuredConfig PATIENCE = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 3000).setParam("http.socket.timeout", 8000));

    /** {@code atMs}: wall-clock time of the answer. */
    record Answer(long atMs, String sessionId, int status) {
    }

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService callers = Executors.newFixedThreadPool(4);
    private volatile long killedAt = Long.MAX_VALUE;

    FailoverLoad(List<String> sessionIds) {
        for (int c = 0; c < 4; c++) {
            callers.submit(() -> {
                while (running.get()) {
                    String id = sessionIds.get(ThreadLocalRandom.current().nextInt(sessionIds.size()));
                    int status;
                    try {
                        status = bff(id).config(PATIENCE).post("/sessions/lookup").statusCode();
                    } catch (RuntimeException e) {
                        status = 0;   // no answer at all within 8 s
                    }
                    answers.add(new Answer(System.currentTimeMillis(), id, status));
                }
            });
        }
    }

    /** The failover starts now: the report counts from here. */
    void killedNow() {
        killedAt = System.currentTimeMillis();
    }

    /** Every answer of the last two seconds (at least ten) was a 200. */
    boolean servingAgain() {
        long since = System.currentTimeMillis() - 2000;
        List<Answer> recent = answers.stream().filter(a -> a.atMs() >= since).toList();
        return recent.size() >= 10 && recent.stream().allMatch(a -> a.status() == 200);
    }

    /**
     * Waits (at most a minute) until the callers are served again, and checks the rule of a failover: served again by
     * itself, and until then every answer a 503 problem, never another 5xx and never a hang (status 0).
     */
    void assertFailedClosedAndRecovered() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline && !servingAgain()) {
            Thread.sleep(200);
        }
        org.junit.jupiter.api.Assertions.assertTrue(servingAgain(), "served again without a restart: " + statuses());
        org.junit.jupiter.api.Assertions.assertTrue(statuses().keySet().stream().allMatch(s -> s == 200 || s == 503),
                "only 200 or 503, never another 5xx or a hang: " + statuses());
    }

    Map<Integer, Integer> statuses() {
        return statusesOf(a -> true);
    }

    /** The statuses of the answers for the sessions {@code which} picks. */
    Map<Integer, Integer> statusesOf(java.util.function.Predicate<String> which) {
        Map<Integer, Integer> counts = new TreeMap<>();
        answers.stream().filter(a -> which.test(a.sessionId())).forEach(a -> counts.merge(a.status(), 1, Integer::sum));
        return counts;
    }

    /** Writes what was measured to target/failover-{name}.json and prints it; returns it. */
    String report(String name, Map<String, Object> measured) throws Exception {
        Map<String, Object> all = new LinkedHashMap<>(measured);
        long first = answers.stream().filter(a -> a.status() == 503).mapToLong(a -> a.atMs() - killedAt).min().orElse(0);
        long last = answers.stream().filter(a -> a.status() == 503).mapToLong(a -> a.atMs() - killedAt).max().orElse(0);
        all.put("first503AfterMs", first);
        all.put("last503AfterMs", last);
        all.put("window503Ms", last - first);
        all.put("answers", statuses());
        String json = new ObjectMapper().writeValueAsString(all);
        Files.writeString(Path.of("target", "failover-" + name + ".json"), json);
        System.out.println("failover " + name + ": " + json);
        return json;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        callers.shutdown();
        callers.awaitTermination(20, TimeUnit.SECONDS);
    }
}
