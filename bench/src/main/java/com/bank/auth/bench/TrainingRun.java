package com.bank.auth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.TestUser;

/**
 * {@code ./suite train}: the training run of the JDK AOT cache each service's image ships (issue 25, part 3: a fresh pod
 * at warm speed within a minute). Each service is started once more, on ports of its own, by the images' own Java
 * runtime ({@code images/target/rootfs/opt/java}: a cache serves only the runtime that wrote it; the JVM checks its
 * modules file), serves the requests its pods serve most for a while, against the running chain, and writes
 * {@code <service>/target/quarkus-app/app.aot} as it exits. That folder is the image's {@code /app}; the entrypoint
 * starts Java with {@code -XX:AOTCache=/app/app.aot}: classes come loaded and linked, and the JIT starts from the
 * training's method profiles (JEP 483, 515). Measured by {@code ./suite bench} (B4: a fresh BFF and payments-service).
 */
public final class TrainingRun {

    /** Every service with an image, in the order they are trained. */
    static final List<String> SERVICES = List.of(RunningSuite.PAYMENTS, RunningSuite.SESSIONS, RunningSuite.MFA, RunningSuite.BFF);

    private final RunningSuite suite;
    private final Path logs;
    private final SuiteCalls calls;
    private final Duration perPath;

    TrainingRun(RunningSuite suite, Path logs, SuiteCalls calls, Duration perPath) {
        this.suite = suite;
        this.logs = logs;
        this.calls = calls;
        this.perPath = perPath;
    }

    /** How long the training serves each path. */
    Duration perPath() {
        return perPath;
    }

    /** The cache a service's image ships, beside its quarkus-run.jar. */
    static Path cacheOf(Path root, String service) {
        return root.resolve(service).resolve("target/quarkus-app/app.aot");
    }

    /** The images' Java runtime, assembled by images/build-base.sh. */
    static Path imageJava(Path root) {
        return root.resolve("images/target/rootfs/opt/java/bin/java");
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(env("BANK_BENCH_ROOT", ".")).toAbsolutePath().normalize();
        Path state = Path.of(env("BANK_SUITE_STATE", root.resolve(".suite").toString()));
        Path logs = Files.createDirectories(state.resolve("logs"));
        Duration perPath = Duration.ofSeconds(Long.parseLong(env("BANK_TRAINING_SECONDS", "10")));
        List<String> services = args.length == 0 ? SERVICES : List.of(args);
        Keycloak keycloak = Keycloak.local();
        TrainingRun training = new TrainingRun(new RunningSuite(root, state), logs, new SuiteCalls(keycloak), perPath);
        try (TestUser user = TestUser.create(keycloak, false)) {
            for (String service : services) {
                long started = System.nanoTime();
                Path cache = training.train(service, user, imageJava(root), cacheOf(root, service));
                System.out.printf("  %-17s %s (%,d MiB, trained in %d s)%n", service, root.relativize(cache), Files.size(cache) >> 20,
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
            }
        }
    }

    /** One training run on {@code java}: start, serve, stop (the JVM writes {@code cache} as it exits). */
    Path train(String service, TestUser user, Path java, Path cache) throws IOException {
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("no Java runtime at " + java + " (the images' one: run images/build-base.sh first)");
        }
        Files.deleteIfExists(cache);
        int port = 28090 + SERVICES.indexOf(service);
        String allCpus = "0-" + (Runtime.getRuntime().availableProcessors() - 1);
        try (LaunchedService trained = LaunchedService.start(java, service + "-training", suite.jar(service), suite.environment(service),
                port, port + 1000, null, allCpus, List.of("-XX:AOTCacheOutput=" + cache), logs).awaitReady(Duration.ofSeconds(120))) {
            serve(service, trained.url(), user);
        }
        if (!Files.exists(cache)) {
            throw new IllegalStateException(service + " wrote no AOT cache; log: " + logs.resolve(service + "-training.log"));
        }
        return cache;
    }

    /** The requests a pod of this service serves most, each for {@code perPath}. */
    private void serve(String service, String url, TestUser user) {
        switch (service) {
            case RunningSuite.PAYMENTS -> {
                Map<String, String> bearer = Map.of("Authorization", "Bearer " + calls.userToken(user));
                for (String path : List.of("/accounts", "/payments", "/beneficiaries")) {
                    load("GET", url + path, bearer);
                }
            }
            case RunningSuite.SESSIONS -> load("POST", url + "/sessions/lookup",
                    Map.of("Authorization", "Bearer " + calls.bffToken("sessions"), "Session-Id", calls.createSession(url, user)));
            case RunningSuite.MFA -> load("GET", url + "/users/" + user.sub() + "/factors",
                    Map.of("Authorization", "Bearer " + calls.bffToken("mfa")));
            case RunningSuite.BFF -> {
                for (int i = 0; i < 10; i++) {   // the login flow: authorize, callback, session creation, logout
                    BffClient once = new BffClient(url);
                    once.signIn(user);
                    once.postAsApp("/bff/logout", "");
                }
                BffClient browser = new BffClient(url);
                browser.signIn(user);
                for (String path : List.of("/api/accounts", "/api/payments", "/api/beneficiaries", "/bff/user")) {
                    load("GET", url + path, Map.of("Cookie", browser.cookieHeader()));
                }
                browser.postAsApp("/bff/logout", "");
            }
            default -> throw new IllegalArgumentException("no training for " + service + "; services: " + SERVICES);
        }
    }

    /** wrk on one path; a training that mostly met errors would teach the cache the error path, so it fails instead. */
    private void load(String method, String url, Map<String, String> headers) {
        Wrk.Result result = Wrk.run("training", method, url, headers, 8, perPath);
        if (result.requests() == 0 || result.failures() * 2 > result.requests()) {
            throw new IllegalStateException("training " + method + " " + url + ": " + result.failures() + " of " + result.requests() + " failed");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
