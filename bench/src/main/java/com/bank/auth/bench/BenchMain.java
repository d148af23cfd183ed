package com.bank.auth.bench;

import static com.bank.auth.bench.Report.f;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import com.bank.auth.testing.Keycloak;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.bank.auth.testing.TestUser;

/**
 * {@code ./suite bench}: B1 to B7 of issue 14, each a ratio against a limit measured in the same run. Runs on the
 * load cores ({@code ./suite bench} starts it under taskset); the servers were born on the server cores. Pairs are
 * alternated (A, B, A, B…) and their medians compared, so a noisy minute hits both sides.
 */
public final class BenchMain {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REDIS_RPS = Pattern.compile("GET: ([0-9.]+) requests per second");

    private final Options options;
    private final RunningSuite suite;
    private final Report report;
    private final Keycloak keycloak = Keycloak.local();
    private final SuiteCalls calls = new SuiteCalls(keycloak);
    private double directAccountsRps;
    /** B4's warm BFF /api/accounts: what a fresh BFF's warm-up curve is held against. */
    private double warmBffRps;

    private BenchMain(Options options) {
        this.options = options;
        this.suite = new RunningSuite(options.root(), options.suiteState());
        this.report = new Report(options);
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        BenchMain bench = new BenchMain(options);
        Path written = bench.run();
        System.out.println("report: " + written);
    }

    private Path run() throws Exception {
        environment();
        if (options.runs("B1")) {
            tokenValidation();
        }
        try (TestUser user = TestUser.create(keycloak, false)) {
            if (options.runs("B2") || options.runs("B4")) {
                accounts(user);
            }
            if (options.runs("B3")) {
                sessionLookup(user);
            }
            if (options.runs("B8")) {
                againstSpring(user);
            }
            if (options.runs("B4")) {
                bffWarm(user);
            }
            if (options.runs("B5")) {
                cpuPerLogin(user);
            }
            if (options.runs("B4")) {
                freshPods(user);
            }
            if (options.runs("B6")) {
                startAndMemory(user);
            }
        }
        if (options.runs("B7")) {
            journey();
        }
        return report.write();
    }

    private void environment() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        long cores = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        report.environment(f("machine: %d cores (%s); servers born on core(s) %s, load (wrk, redis-benchmark, this driver, JMH) on the others",
                cores, cpu, options.serverCpus()));
        report.environment(f("JDK %s; every service -Xmx256m; Quarkus from the suite's build", Runtime.version()));
        report.environment(f("each pair alternated %d time(s); warm-up %d s%s, measurement %d s per run, %d connections",
                options.rounds(), options.warmup().toSeconds(), options.quick() ? "" : f(" and more, until two runs in a row are not 5%% faster than the best before (at most %d more)", MAX_EXTRA_WARM_UPS),
                options.measure().toSeconds(), options.connections()));
        report.environment("PostgreSQL and Redis are the machine's own, not pinned");
    }

    // ------------------------------------------------------------------ B1

    private void tokenValidation() throws Exception {
        System.out.println("B1 token validation (JMH)");
        int warmups = options.quick() ? 1 : 3, iterations = options.quick() ? 2 : 5;
        Collection<RunResult> results = new Runner(new OptionsBuilder().include(TokenValidationBenchmark.class.getName()).forks(1)
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(1)).measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(1)).jvmArgs("-Xmx256m").verbosity(VerboseMode.SILENT).shouldFailOnError(true).build()).run();
        Map<String, Double> micros = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            micros.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        double raw = micros.get("rawRsassaPssVerify"), cold = micros.get("coldToken"), repeat = micros.get("repeatedToken");
        report.row(new Report.Row("B1", "token validation, a token not seen before (µs)", f("%.1f µs", cold), f("raw PSS verify %.1f µs", raw),
                f("%.2f×", cold / raw), "≤ 1.2×", cold / raw <= 1.2));
        report.row(new Report.Row("B1", "token validation, the same token again (µs)", f("%.2f µs", repeat), f("raw PSS verify %.1f µs", raw),
                f("%.3f×", repeat / raw), "≤ 0.1×", repeat / raw <= 0.1));
    }

    // ------------------------------------------------------------------ B2

    private void accounts(TestUser user) {
        System.out.println("B2 payments GET /accounts with a token vs the same server's constant");
        String payments = suite.url(RunningSuite.PAYMENTS);
        Supplier<Wrk.Result> floor = () -> Wrk.run("floor", "GET", payments + "/bench/floor", Map.of(), options.connections(), options.measure());
        Supplier<Wrk.Result> accounts = () -> Wrk.run("accounts", "GET", payments + "/accounts",
                bearer(user), options.connections(), options.measure());
        requireOk(payments + "/bench/floor", Map.of());
        warmUp(floor, accounts);
        CpuPerRequest cpu = new CpuPerRequest(Map.of(RunningSuite.PAYMENTS, suite.pid(RunningSuite.PAYMENTS)));
        Wrk.Result[] medians = alternate(floor, cpu.counting(accounts));
        directAccountsRps = medians[1].rps();
        report.row(new Report.Row("B2", "CPU per GET /accounts with a token, payments-service", cpu.describe(), "", "", "", null));
        report.cpu("B2 payments /accounts (bearer)", cpu.micros());
        double ratio = medians[1].rps() / medians[0].rps();
        report.row(new Report.Row("B2", "payments GET /accounts with a user token (req/s)", f("%,.0f", medians[1].rps()),
                f("constant GET %,.0f", medians[0].rps()), f("%.2f×", ratio), "≥ 0.5×", ratio >= 0.5));
        report.pair(new Report.Pair("B2 payments-service", "GET /accounts + token", medians[1].rps(), "GET of a constant", medians[0].rps()));
        failures("B2", medians);
    }

    // ------------------------------------------------------------------ B3

    private void sessionLookup(TestUser user) throws IOException {
        System.out.println("B3 session lookup vs redis-benchmark GET");
        String sessions = suite.url(RunningSuite.SESSIONS);
        String sessionId = calls.createSession(sessions, user);
        Supplier<Wrk.Result> lookup = () -> Wrk.run("lookup", "POST", sessions + "/sessions/lookup",
                Map.of("Authorization", "Bearer " + calls.bffToken("sessions"),
                        "Session-Id", sessionId), options.connections(), options.measure());
        Supplier<Wrk.Result> redis = () -> redisGet(options.connections());
        warmUp(lookup);
        CpuPerRequest cpu = new CpuPerRequest(sessionPath());
        Wrk.Result[] medians = alternate(redis, cpu.counting(lookup));
        report.row(new Report.Row("B3", "CPU per session lookup, session-service + Redis", cpu.describe(), "", "", "", null));
        report.cpu("B3 session lookup", cpu.micros());
        double ratio = medians[1].rps() / medians[0].rps();
        report.row(new Report.Row("B3", "session lookup POST /sessions/lookup (req/s)", f("%,.0f", medians[1].rps()),
                f("redis-benchmark GET %,.0f", medians[0].rps()), f("%.2f×", ratio), "≥ 0.4×", ratio >= 0.4));
        report.pair(new Report.Pair("B3 session-service", "POST /sessions/lookup", medians[1].rps(), "redis-benchmark -t get", medians[0].rps()));
        failures("B3", medians[1]);
    }

    private Wrk.Result redisGet(int connections) {
        String host = env("BANK_REDIS_HOST", "127.0.0.1"), port = env("BANK_REDIS_PORT", "6379");
        int requests = options.quick() ? 50_000 : 1_000_000;
        try {
            String out = Processes.output(List.of("redis-benchmark", "-h", host, "-p", port, "-t", "get", "-c", Integer.toString(connections),
                    "-n", Integer.toString(requests), "-q"), Duration.ofMinutes(5));
            Matcher rps = REDIS_RPS.matcher(out.replace('\r', '\n'));
            String last = null;
            while (rps.find()) {
                last = rps.group(1);
            }
            if (last == null) {
                throw new IllegalStateException("redis-benchmark printed no GET figure:\n" + out);
            }
            return new Wrk.Result("redis", Double.parseDouble(last), requests, 0, Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("redis-benchmark failed (apt-get install redis-tools)", e);
        }
    }

    // ------------------------------------------------------------------ B8

    /**
     * Issue 25: payments-service against the Spring Boot resource server a team would write instead (bench/spring: Spring
     * MVC on Tomcat, Spring Security's Nimbus decoder with payments' token rules, Spring Data JPA on payments' own
     * table), both born on the server cores with the same heap and JDK, the same user token, alternated. Throughput
     * and the CPU per request of each JVM.
     */
    private void againstSpring(TestUser user) throws IOException {
        System.out.println("B8 payments GET /accounts vs the same endpoint in Spring Boot");
        Path logs = Files.createDirectories(options.suiteState().resolve("bench/logs"));
        Path jar = options.root().resolve("bench/spring/target/bench-spring-payments.jar");
        Map<String, String> payments = suite.environment(RunningSuite.PAYMENTS);
        int port = 28085;
        Map<String, String> env = Map.of("SERVER_PORT", Integer.toString(port),
                "BANK_KEYCLOAK_URL", payments.get("BANK_KEYCLOAK_URL"),
                "BANK_PG_HOST", payments.get("BANK_PG_HOST"), "BANK_PG_PORT", payments.get("BANK_PG_PORT"),
                "BANK_PG_DATABASE", payments.get("BANK_PG_DATABASE"),
                "BANK_PG_USER", payments.get("QUARKUS_DATASOURCE_USERNAME"), "BANK_PG_PASSWORD", payments.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
        try (LaunchedService spring = LaunchedService.start("bench-spring-payments", jar, env, port, null, "/actuator/health",
                options.serverCpus(), List.of(), logs).awaitReady(Duration.ofSeconds(120))) {
            requireSameAnswer(suite.url(RunningSuite.PAYMENTS) + "/accounts", spring.url() + "/accounts", bearer(user));
            // A new token for each run: an access token lives 120 s, less than the warm-up and the rounds together.
            Supplier<Wrk.Result> springRun = () -> Wrk.run("spring", "GET", spring.url() + "/accounts", bearer(user), options.connections(),
                    options.measure());
            Supplier<Wrk.Result> quarkusRun = () -> Wrk.run("payments", "GET", suite.url(RunningSuite.PAYMENTS) + "/accounts", bearer(user),
                    options.connections(), options.measure());
            warmUp(springRun, quarkusRun);
            CpuPerRequest springCpu = new CpuPerRequest(Map.of("spring", spring.pid()));
            CpuPerRequest quarkusCpu = new CpuPerRequest(Map.of(RunningSuite.PAYMENTS, suite.pid(RunningSuite.PAYMENTS)));
            Wrk.Result[] medians = alternate(springCpu.counting(springRun), quarkusCpu.counting(quarkusRun));
            double ratio = medians[1].rps() / medians[0].rps();
            double cpuRatio = springCpu.micros().get("spring") / quarkusCpu.micros().get(RunningSuite.PAYMENTS);
            report.row(new Report.Row("B8", "payments GET /accounts vs the same endpoint in Spring Boot (req/s)", f("%,.0f", medians[1].rps()),
                    f("Spring Boot %,.0f", medians[0].rps()), f("%.2f×", ratio), "≥ 3×", ratio >= 3));
            report.row(new Report.Row("B8", "CPU per GET /accounts, payments-service vs Spring Boot",
                    f("%,.0f µs", quarkusCpu.micros().get(RunningSuite.PAYMENTS)), f("Spring Boot %,.0f µs", springCpu.micros().get("spring")),
                    f("%.2f× less", cpuRatio), "report", null));
            report.pair(new Report.Pair("B8 payments vs Spring Boot", "payments-service (Quarkus)", medians[1].rps(), "Spring Boot", medians[0].rps()));
            failures("B8", medians);
        }
    }

    private Map<String, String> bearer(TestUser user) {
        return Map.of("Authorization", "Bearer " + calls.userToken(user));
    }

    /** Both servers give the same JSON document (whatever the key order) for the same token: the comparison is of the same work. */
    private static void requireSameAnswer(String ours, String theirs, Map<String, String> headers) {
        HttpRequest.Builder a = HttpRequest.newBuilder(URI.create(ours)), b = HttpRequest.newBuilder(URI.create(theirs));
        headers.forEach((name, value) -> {
            a.header(name, value);
            b.header(name, value);
        });
        HttpResponse<String> expected = SuiteCalls.send(a), actual = SuiteCalls.send(b);
        if (expected.statusCode() != 200 || actual.statusCode() != 200 || !sameJson(expected.body(), actual.body())) {
            throw new IllegalStateException("B8: the Spring Boot yardstick does not answer as payments-service does: " + expected.statusCode()
                    + " " + expected.body() + " vs " + actual.statusCode() + " " + actual.body());
        }
    }

    private static boolean sameJson(String a, String b) {
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ B4

    private void bffWarm(TestUser user) {
        System.out.println("B4 BFF /api/accounts with the cookie vs payments direct with a bearer (warm)");
        BffClient browser = new BffClient(suite.url(RunningSuite.BFF));
        browser.signIn(user);
        String payments = suite.url(RunningSuite.PAYMENTS);
        Supplier<Wrk.Result> direct = () -> Wrk.run("direct", "GET", payments + "/accounts",
                bearer(user), options.connections(), options.measure());
        Supplier<Wrk.Result> bff = () -> Wrk.run("bff", "GET", suite.url(RunningSuite.BFF) + "/api/accounts",
                Map.of("Cookie", browser.cookieHeader()), options.connections(), options.measure());
        warmUp(bff);
        Map<String, Long> path = new LinkedHashMap<>();
        path.put(RunningSuite.BFF, suite.pid(RunningSuite.BFF));
        path.putAll(sessionPath());
        path.put(RunningSuite.PAYMENTS, suite.pid(RunningSuite.PAYMENTS));
        CpuPerRequest bffCpu = new CpuPerRequest(path);
        CpuPerRequest directCpu = new CpuPerRequest(Map.of(RunningSuite.PAYMENTS, suite.pid(RunningSuite.PAYMENTS)));
        Wrk.Result[] medians = alternate(directCpu.counting(direct), bffCpu.counting(bff));
        directAccountsRps = medians[0].rps();
        warmBffRps = medians[1].rps();
        double ratio = medians[1].rps() / medians[0].rps();
        report.row(new Report.Row("B4", "BFF GET /api/accounts with the cookie, warm (req/s)", f("%,.0f", medians[1].rps()),
                f("payments direct %,.0f", medians[0].rps()), f("%.2f×", ratio), "≥ 0.8×", ratio >= 0.8));
        hopCosts("", bffCpu, directCpu);
        System.out.printf("  B4   (BFF %,.0f req/s, direct %,.0f req/s)%n", medians[1].rps(), medians[0].rps());
        addedLatency(user, browser, payments, path);
        report.pair(new Report.Pair("B4 auth-bff, warm", "BFF /api/accounts (cookie)", medians[1].rps(), "payments /accounts (bearer)", medians[0].rps()));
        report.curve("B4 BFF /api/accounts (wrk)", wrkCurve(medians[1]));
        report.curve("B4 payments /accounts (wrk)", wrkCurve(medians[0]));
        failures("B4", medians);
        browser.postAsApp("/bff/logout", "");
    }

    /**
     * B4: p50 and p99 at 500 req/s (open model), the BFF path minus payments direct: what the hop adds for a customer.
     * And the CPU per request of each process at that one rate: wrk's saturated figures compare payments at its own
     * limit (direct) with payments at the BFF's (through it), and a server spends less per request the busier it is
     * (more requests per wake-up), so only an equal rate compares payments through the BFF with payments direct.
     */
    private void addedLatency(TestUser user, BffClient browser, String payments, Map<String, Long> path) {
        int rate = 500;
        Duration length = options.quick() ? Duration.ofSeconds(10) : Duration.ofSeconds(20);
        HttpRequest direct = HttpRequest.newBuilder(URI.create(payments + "/accounts")).header("Authorization", "Bearer " + calls.userToken(user)).build();
        HttpRequest bff = HttpRequest.newBuilder(URI.create(suite.url(RunningSuite.BFF) + "/api/accounts")).header("Cookie", browser.cookieHeader()).build();
        HttpClient directClient = FixedRateLatency.client(), bffClient = FixedRateLatency.client();
        FixedRateLatency.run(directClient, direct, rate, Duration.ofSeconds(3));
        FixedRateLatency.run(bffClient, bff, rate, Duration.ofSeconds(3));
        CpuPerRequest bffCpu = new CpuPerRequest(path);
        CpuPerRequest directCpu = new CpuPerRequest(Map.of(RunningSuite.PAYMENTS, suite.pid(RunningSuite.PAYMENTS)));
        FixedRateLatency.Result d = directCpu.count(() -> FixedRateLatency.run(directClient, direct, rate, length), FixedRateLatency.Result::requests);
        FixedRateLatency.Result b = bffCpu.count(() -> FixedRateLatency.run(bffClient, bff, rate, length), FixedRateLatency.Result::requests);
        hopCosts(f(" at %d req/s", rate), bffCpu, directCpu);
        double p50 = b.p50Ms() - d.p50Ms(), p99 = b.p99Ms() - d.p99Ms();
        // A path with no successful answer (too slow for the 5 s timeout, or refused): say what failed rather than print NaN.
        String added = Double.isNaN(p50) || Double.isNaN(p99) ? f("no successful answer (%,d of %,d failed: %s)", b.errors() + d.errors(),
                b.requests() + d.requests(), java.util.stream.Stream.of(d.failures(), b.failures()).filter(f -> !f.isEmpty()).collect(java.util.stream.Collectors.joining("; ")))
                : f("+%.2f / +%.2f ms", p50, p99);
        report.row(new Report.Row("B4", f("added latency of the BFF hop at %d req/s (p50 / p99)", rate), added,
                f("direct %.2f / %.2f ms", d.p50Ms(), d.p99Ms()), f("BFF %.2f / %.2f ms", b.p50Ms(), b.p99Ms()), "p50 ≤ 1 ms, p99 ≤ 5 ms",
                p50 <= 1 && p99 <= 5));
        if (d.errors() + b.errors() > 0) {
            report.detail(f("B4 fixed rate: %,d errors direct (%s), %,d through the BFF (%s) (of %,d each)", d.errors(), d.failures(),
                    b.errors(), b.failures(), d.requests()));
        }
    }

    /**
     * The CPU rows of one B4 load ({@code when}: "" for wrk's saturation, " at 500 req/s" for the fixed rate): the BFF hop
     * (BFF + session-service + Redis) against one Envoy sidecar, payments through the BFF against payments direct.
     */
    private void hopCosts(String when, CpuPerRequest bffCpu, CpuPerRequest directCpu) {
        Map<String, Double> us = bffCpu.micros();
        double hop = us.get(RunningSuite.BFF) + us.get(RunningSuite.SESSIONS) + us.get("redis");
        double through = us.get(RunningSuite.PAYMENTS), direct = directCpu.micros().get(RunningSuite.PAYMENTS);
        report.row(new Report.Row("B4", "CPU per /api/accounts of the BFF hop (BFF + session-service + Redis)" + when, f("%,.0f µs", hop),
                "an Envoy sidecar 350 µs", f("%.2f×", hop / 350), "≤ 350 µs", hop <= 350));
        report.row(new Report.Row("B4", "CPU per /accounts of payments-service through the BFF" + when, f("%,.0f µs", through),
                f("direct %,.0f µs", direct), f("%.2f×", through / direct), "≤ 150 µs", through <= 150));
        report.detail("B4 CPU per request" + when + ", each process: through the BFF " + bffCpu.describe() + "; direct " + directCpu.describe() + ".");
        report.cpu("B4 /api/accounts through the BFF" + when, us);
        report.cpu("B4 payments /accounts direct" + when, directCpu.micros());
        System.out.printf("  B4   CPU per request%s: through the BFF %s; direct %s%n", when, bffCpu.describe(), directCpu.describe());
    }

    /** session-service and the Redis it uses: the session check's processes. */
    private Map<String, Long> sessionPath() {
        Map<String, Long> path = new LinkedHashMap<>();
        path.put(RunningSuite.SESSIONS, suite.pid(RunningSuite.SESSIONS));
        path.put("redis", CpuPerRequest.redisGroup(env("BANK_REDIS_HOST", "127.0.0.1"), env("BANK_REDIS_PORT", "6379")));
        return path;
    }

    /**
     * Issue 25, part 3: a fresh pod at 80% of its warm throughput within 60 s of being ready. A BFF and a payments-service
     * started now, on the images' own Java runtime (images/target/rootfs, when built; else this JDK), loaded from the
     * moment they are ready in consecutive windows: their warm-up curves, against the warm figures B4 measured just
     * before. Twice each: as they start without a cache, and with the JDK AOT cache of a training run exactly as
     * {@code ./suite train} makes the one the image ships (TrainingRun; JEP 483/515: classes loaded and linked, method
     * profiles recorded).
     */
    private void freshPods(TestUser user) throws IOException {
        System.out.println("B4 a BFF and a payments-service just started: throughput from the moment each is ready (no cache, then the trained AOT cache)");
        Path logs = Files.createDirectories(options.suiteState().resolve("bench/logs"));
        Path aot = Files.createDirectories(options.suiteState().resolve("bench/aot"));
        Path imageJava = TrainingRun.imageJava(options.root());
        Path java = Files.isExecutable(imageJava) ? imageJava : LaunchedService.JDK_JAVA;
        Duration window = options.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
        int windows = options.quick() ? 3 : 12;
        TrainingRun training = new TrainingRun(suite, logs, calls, options.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(10));
        StringBuilder table = new StringBuilder(f("### B4 fresh pods: req/s in each %d s window after ready (Java: %s)%n%n| pod | warm |",
                window.toSeconds(), java.equals(imageJava) ? "the images' runtime" : "the suite's JDK; images/build-base.sh not run"));
        for (int i = 1; i <= windows; i++) {
            table.append(f(" %d s |", i * window.toSeconds()));
        }
        table.append(" 80% of warm after |\n|---|---|").append("---|".repeat(windows + 1)).append('\n');
        for (String service : List.of(RunningSuite.BFF, RunningSuite.PAYMENTS)) {
            double warm = service.equals(RunningSuite.BFF) ? warmBffRps : directAccountsRps;
            Path cache = aot.resolve(service + ".aot");
            training.train(service, user, java, cache);
            for (boolean cached : new boolean[] {false, true}) {
                List<Double> curve = warmUpCurve(service, user, java, cached ? List.of("-XX:AOTCache=" + cache) : List.of(), window, windows, logs);
                int reached = firstAtOrAbove(curve, 0.8 * warm);
                String after = reached < 0 ? f("not within %d s", windows * window.toSeconds()) : f("%d s", (reached + 1) * window.toSeconds());
                String pod = service + (cached ? ", trained AOT cache" : ", no cache");
                table.append("| ").append(pod).append(f(" | %,.0f |", warm));
                curve.forEach(rps -> table.append(f(" %,.0f |", rps)));
                table.append(' ').append(after).append(" |\n");
                long seconds = reached < 0 ? Long.MAX_VALUE : (reached + 1) * window.toSeconds();
                report.row(new Report.Row("B4", "a fresh " + pod + ": 80% of warm throughput after", after, f("warm %,.0f req/s", warm),
                        f("first window %.0f%%", 100 * curve.get(0) / warm), "≤ 60 s", seconds <= 60));
            }
        }
        report.detail(table.append(f("%nWarm: B4's warm figure of the same path (BFF /api/accounts with the cookie, payments /accounts "
                + "with a bearer). Each pod is a new process on the server cores with the suite's settings; the training run "
                + "served its hottest paths for %d s each, as ./suite train does.", training.perPath().toSeconds())).toString());
    }

    /** Index of the first window at or above {@code target}, or -1. */
    private static int firstAtOrAbove(List<Double> curve, double target) {
        for (int i = 0; i < curve.size(); i++) {
            if (curve.get(i) >= target) {
                return i;
            }
        }
        return -1;
    }

    /** Starts the service anew, and loads its hot read from the moment it is ready, one wrk run per window. */
    private List<Double> warmUpCurve(String service, TestUser user, Path java, List<String> jvmOptions, Duration window, int windows, Path logs)
            throws IOException {
        String name = service + (jvmOptions.isEmpty() ? "-fresh" : "-fresh-aot");
        try (LaunchedService fresh = LaunchedService.start(java, name, suite.jar(service), suite.environment(service), 28080, 29080, null,
                options.serverCpus(), jvmOptions, logs).awaitReady(Duration.ofSeconds(120))) {
            BffClient browser = service.equals(RunningSuite.BFF) ? new BffClient(fresh.url()) : null;
            Map<String, String> credentials;
            String url;
            if (browser != null) {
                browser.signIn(user);
                credentials = Map.of("Cookie", browser.cookieHeader());
                url = fresh.url() + "/api/accounts";
            } else {
                credentials = bearer(user);
                url = fresh.url() + "/accounts";
            }
            List<Double> curve = new ArrayList<>();
            for (int i = 0; i < windows; i++) {
                Wrk.Result result = Wrk.run(name, "GET", url, credentials, options.connections(), window);
                failures("B4 " + name, result);
                curve.add(result.rps());
            }
            if (browser != null) {
                browser.postAsApp("/bff/logout", "");
            }
            return curve;
        }
    }

    // ------------------------------------------------------------------ B5

    private void cpuPerLogin(TestUser user) {
        System.out.println("B5 CPU per login: BFF + session-service vs Keycloak");
        int logins = options.quick() ? 5 : 40;
        // Warmed first with a few hundred logins (issue 25: 40 cold ones measure the interpreter, not the service).
        for (int i = 0; i < (options.quick() ? 20 : 300); i++) {
            signInAndOut(user);
        }
        long bff0 = CpuTime.ofGroupNanos(suite.pid(RunningSuite.BFF)), sessions0 = CpuTime.ofGroupNanos(suite.pid(RunningSuite.SESSIONS));
        long keycloak0 = CpuTime.ofGroupNanos(suite.pid(RunningSuite.KEYCLOAK));
        List<BffClient> signedIn = new ArrayList<>();
        for (int i = 0; i < logins; i++) {
            BffClient browser = new BffClient(suite.url(RunningSuite.BFF));
            browser.signIn(user);
            signedIn.add(browser);
        }
        double bff = (CpuTime.ofGroupNanos(suite.pid(RunningSuite.BFF)) - bff0) / 1e6 / logins;
        double sessions = (CpuTime.ofGroupNanos(suite.pid(RunningSuite.SESSIONS)) - sessions0) / 1e6 / logins;
        double kc = (CpuTime.ofGroupNanos(suite.pid(RunningSuite.KEYCLOAK)) - keycloak0) / 1e6 / logins;
        signedIn.forEach(browser -> browser.postAsApp("/bff/logout", ""));
        double ratio = (bff + sessions) / kc;
        report.row(new Report.Row("B5", "CPU per login, BFF + session-service (ms)", f("%.1f + %.1f ms", bff, sessions),
                f("Keycloak %.1f ms", kc), f("%.0f%%", ratio * 100), "≤ 10%", ratio <= 0.10));
    }

    private void signInAndOut(TestUser user) {
        BffClient browser = new BffClient(suite.url(RunningSuite.BFF));
        browser.signIn(user);
        browser.postAsApp("/bff/logout", "");
    }

    // ------------------------------------------------------------------ B6

    private void startAndMemory(TestUser user) throws IOException {
        System.out.println("B6 time to ready and memory after the first request, per service; JDK AOT cache on and off");
        Path logs = Files.createDirectories(options.suiteState().resolve("bench/logs"));
        Path aot = Files.createDirectories(options.suiteState().resolve("bench/aot"));
        StringBuilder table = new StringBuilder("### B6 start and memory\n\n| app | ready (ms) | RSS after first request (MiB) | "
                + "ready with AOT cache (ms) | RSS with AOT cache (MiB) |\n|---|---|---|---|---|\n");
        List<String> apps = new ArrayList<>(List.of("bench-hello", RunningSuite.PAYMENTS, RunningSuite.SESSIONS, RunningSuite.MFA, RunningSuite.BFF));
        int port = 28081;
        double helloReady = 0, helloRss = 0;
        for (String app : apps) {
            boolean withAot = !options.quick() || app.equals("bench-hello") || app.equals(RunningSuite.PAYMENTS);
            Start plain = start(app, port, user, logs, List.of());
            String aotReady = "–", aotRss = "–";
            if (withAot) {
                Path cache = aot.resolve(app + ".aot");
                Files.deleteIfExists(cache);
                start(app, port, user, logs, List.of("-XX:AOTCacheOutput=" + cache));   // the training run writes the cache at exit
                if (Files.exists(cache)) {
                    Start cached = start(app, port, user, logs, List.of("-XX:AOTCache=" + cache));
                    aotReady = Long.toString(cached.readyMillis());
                    aotRss = f("%.0f", cached.rssMiB());
                } else {
                    aotReady = "no cache written";
                }
            }
            if (app.equals("bench-hello")) {
                helloReady = plain.readyMillis();
                helloRss = plain.rssMiB();
            } else {
                report.row(new Report.Row("B6", app + " ready / RSS", f("%d ms / %.0f MiB", plain.readyMillis(), plain.rssMiB()),
                        f("hello app %.0f ms / %.0f MiB", helloReady, helloRss),
                        f("%.1f× / %.1f×", plain.readyMillis() / helloReady, plain.rssMiB() / helloRss), "report", null));
            }
            table.append(f("| %s | %d | %.0f | %s | %s |%n", app, plain.readyMillis(), plain.rssMiB(), aotReady, aotRss));
            port++;
        }
        report.detail(table.append("\nReady: from spawning the JVM to /q/health/ready answering 200 (the hello app: its "
                + "/hello). First request: payments GET /accounts with a user token, session-service a lookup, mfa-service "
                + "a factor list, the BFF GET /api/accounts without a session, the hello app GET /hello. AOT cache: JDK 25 "
                + "(JEP 483/514), trained by one start with the same first request, written at exit.").toString());
    }

    private record Start(long readyMillis, double rssMiB) {
    }

    private Start start(String app, int port, TestUser user, Path logs, List<String> jvmOptions) throws IOException {
        boolean hello = app.equals("bench-hello");
        Path jar = hello ? options.root().resolve("bench/hello/target/quarkus-app/quarkus-run.jar") : suite.jar(app);
        Map<String, String> env = hello ? Map.of() : suite.environment(app);
        try (LaunchedService service = LaunchedService.start(app, jar, env, port, hello ? null : port + 1000, hello ? "/hello" : null,
                options.serverCpus(), jvmOptions, logs).awaitReady(Duration.ofSeconds(120))) {
            firstRequest(app, service.url(), user);
            return new Start(service.readyMillis, service.rssMiB());
        }
    }

    private void firstRequest(String app, String url, TestUser user) {
        HttpRequest.Builder request = switch (app) {
            case RunningSuite.PAYMENTS -> HttpRequest.newBuilder(URI.create(url + "/accounts")).header("Authorization", "Bearer " + calls.userToken(user));
            case RunningSuite.SESSIONS -> HttpRequest.newBuilder(URI.create(url + "/sessions/lookup")).header("Session-Id", "unknown-session")
                    .header("Authorization", "Bearer " + calls.bffToken("sessions"))
                    .POST(HttpRequest.BodyPublishers.noBody());
            case RunningSuite.MFA -> HttpRequest.newBuilder(URI.create(url + "/users/" + user.sub() + "/factors"))
                    .header("Authorization", "Bearer " + calls.bffToken("mfa"));
            case RunningSuite.BFF -> HttpRequest.newBuilder(URI.create(url + "/api/accounts"));
            default -> HttpRequest.newBuilder(URI.create(url + "/hello"));
        };
        int status = SuiteCalls.send(request).statusCode();
        if (status >= 500) {
            throw new IllegalStateException(app + " answered its first request with " + status);
        }
    }

    // ------------------------------------------------------------------ B7

    private void journey() throws Exception {
        int users = options.journeyUsers();
        Duration every = options.quick() ? Duration.ofSeconds(5) : Duration.ofSeconds(30);
        System.out.printf("B7 %d users, one journey each every %d s, for %d s%n", users, every.toSeconds(), options.journeyLength().toSeconds());
        List<TestUser> customers = new ArrayList<>();
        try {
            for (int i = 0; i < users; i++) {
                customers.add(TestUser.create(keycloak, false));
            }
            FixedRateJourney.Outcome outcome = new FixedRateJourney().run(suite.url(RunningSuite.BFF), customers, options.journeyLength(), every);
            double[] journey = outcome.percentilesMs().get("journey");
            // A 503 the customer saw counts against the goal even when the retry booked the payment exactly once.
            boolean clean = outcome.errorCount() == 0 && outcome.paymentRetries() == 0 && outcome.balanceMismatches().isEmpty();
            report.row(new Report.Row("B7", f("%d journeys at %.2f/s: sign in, list, 3 payments, list, sign out", outcome.journeys(), outcome.rate()),
                    f("p50 %.0f ms, p99 %.0f ms", journey[0], journey[3]), "—",
                    f("%d errors, %d payments retried after a 503, %d balance mismatches", outcome.errorCount(), outcome.paymentRetries(),
                            outcome.balanceMismatches().size()), "0 errors, balances exact", clean));
            StringBuilder table = new StringBuilder("### B7 journey latency (ms, from each journey's scheduled start for 'journey')\n\n| step |");
            for (double p : FixedRateJourney.PERCENTILES) {
                table.append(p == 100 ? " max |" : f(" p%s |", p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)));
            }
            table.append("\n|---|---|---|---|---|---|---|\n");
            outcome.percentilesMs().forEach((step, values) -> {
                table.append("| ").append(step).append(" |");
                for (double v : values) {
                    table.append(f(" %.0f |", v));
                }
                table.append('\n');
                report.curve("B7 " + step, values);
            });
            table.append(f("%n%d payment(s) answered 503 and were retried with the same Idempotency-Key, as the web app does.%n",
                    outcome.paymentRetries()));
            outcome.errors().forEach((what, count) -> table.append(f("%nerror: %s × %d", what, count)));
            outcome.balanceMismatches().forEach(m -> table.append("\nbalance: ").append(m));
            report.detail(table.toString());
        } finally {
            customers.forEach(TestUser::close);
        }
    }

    // ------------------------------------------------------------------ helpers


    /**
     * Each run, repeated for at least the warm-up time and then until it stops getting faster ({@link WarmUpRule}: two
     * runs in a row without a 5% gain over the best before; at most {@link #MAX_EXTRA_WARM_UPS} more runs), before
     * anything is measured: the JIT settles first. A fixed warm-up is not enough on every machine: on a slow 2-core one
     * a fresh BFF still doubled its throughput between 15 and 45 s of load (B4's fresh-pod curves). The report lists
     * each warm-up's req/s.
     */
    @SafeVarargs
    private void warmUp(Supplier<Wrk.Result>... runs) {
        long measure = options.measure().toMillis();
        long times = Math.max(1, (options.warmup().toMillis() + measure - 1) / measure);
        for (Supplier<Wrk.Result> run : runs) {
            List<Double> rates = new ArrayList<>();
            String label = null;
            for (long i = 0; i < times; i++) {
                Wrk.Result result = run.get();
                label = result.label();
                rates.add(result.rps());
            }
            for (int extra = 0; !options.quick() && extra < MAX_EXTRA_WARM_UPS && WarmUpRule.stillWarming(rates); extra++) {
                rates.add(run.get().rps());
            }
            StringBuilder line = new StringBuilder("warm-up of ").append(label).append(", req/s per run:");
            rates.forEach(rps -> line.append(f(" %,.0f", rps)));
            report.detail(line.toString());
        }
    }

    private static final int MAX_EXTRA_WARM_UPS = 8;

    /** A, B, A, B… {@link Options#rounds()} times; the run with the median throughput of each side. */
    private Wrk.Result[] alternate(Supplier<Wrk.Result> a, Supplier<Wrk.Result> b) {
        List<Wrk.Result> as = new ArrayList<>(), bs = new ArrayList<>();
        for (int i = 0; i < options.rounds(); i++) {
            as.add(a.get());
            bs.add(b.get());
        }
        return new Wrk.Result[] { median(as), median(bs) };
    }

    private static Wrk.Result median(List<Wrk.Result> results) {
        List<Wrk.Result> sorted = new ArrayList<>(results);
        sorted.sort((x, y) -> Double.compare(x.rps(), y.rps()));
        return sorted.get(sorted.size() / 2);
    }

    private void failures(String id, Wrk.Result... results) {
        for (Wrk.Result result : results) {
            if (result.failures() > 0) {
                report.detail(f("%s: %s had %,d failed requests (non-2xx or socket errors) of %,d", id, result.label(), result.failures(), result.requests()));
            }
        }
    }

    private static double[] wrkCurve(Wrk.Result result) {
        return new double[] { result.p(50), result.p(75), result.p(90), result.p(99), Double.NaN, Double.NaN };
    }

    private void requireOk(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        headers.forEach(request::header);
        int status = SuiteCalls.send(request).statusCode();
        if (status != 200) {
            throw new IllegalStateException(url + " answered " + status + ": start the suite through ./suite bench (it sets bank.bench.floor-endpoint)");
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
