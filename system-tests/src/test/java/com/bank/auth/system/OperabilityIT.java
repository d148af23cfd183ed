package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.bank.auth.testing.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 13 on the running chain: one journey (sign in, enrol TOTP, a large payment with step-up, sign out) and then
 * what a platform team and a SOC would look at: the same trace id in all four services' JSON logs and in the spans
 * they exported (OTLP collector stub, ./suite test), including PostgreSQL and Redis spans; the journey's audit events
 * in order with their fields; the audit counters moved by exactly the journey; every metric the Grafana dashboard
 * queries present in /q/metrics.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> SERVICES = List.of("auth-bff", "payments-service", "session-service", "mfa-service");
    private static final Path STATE = Path.of(System.getenv().getOrDefault("BANK_SUITE_STATE", "../.suite"));
    private static final Pattern COUNTER = Pattern.compile("^bank_audit_events_total\\{([^}]*)\\} ([0-9.eE+-]+)", Pattern.MULTILINE);

    @Test
    @Order(1)
    void aJourneyIsOneTraceWithItsAuditTrailAndMetrics() throws Exception {
        String traceId = HexFormat.of().formatHex(random(16));
        Map<String, Map<String, Double>> before = auditCounters();
        String sub;
        try (TestUser user = TestUser.create()) {
            sub = user.sub();
            journey(user, "00-" + traceId + "-" + HexFormat.of().formatHex(random(8)) + "-01");
        }

        // Logs: every service logged under the journey's trace id (its JSON lines carry it in mdc.traceId).
        Map<String, List<JsonNode>> lines = awaitLogLines(traceId);
        for (String service : SERVICES) {
            assertFalse(lines.get(service).isEmpty(), service + " logged nothing under trace " + traceId);
        }

        // The audit trail of the journey, across services, in the order it happened.
        List<JsonNode> audit = lines.values().stream().flatMap(List::stream)
                .filter(line -> "audit".equals(line.path("loggerName").asText()))
                .sorted((a, b) -> a.path("timestamp").asText().compareTo(b.path("timestamp").asText())).toList();
        List<String> events = audit.stream().map(line -> line.path("mdc").path("audit.event").asText()).toList();
        assertInOrder(events, List.of("session-created", "login", "factor-enrolment-started", "factor-added", "step-up-requested",
                "step-up-approved", "session-rotated", "step-up-approved", "payment-booked", "session-ended", "logout"));
        JsonNode login = audit.stream().filter(line -> "login".equals(line.path("mdc").path("audit.event").asText())).findFirst().orElseThrow();
        assertEquals(sub, login.path("mdc").path("audit.sub").asText());
        assertEquals("success", login.path("mdc").path("audit.outcome").asText());
        assertEquals(traceId, login.path("mdc").path("audit.trace").asText());
        assertFalse(login.path("mdc").path("audit.session").asText().isEmpty(), "the session handle");
        assertFalse(login.path("mdc").path("audit.client").asText().isEmpty(), "the client's address");
        for (JsonNode line : audit) {
            assertFalse(line.toString().matches(".*eyJ[A-Za-z0-9_-]{8,}\\.eyJ.*"), "no token in an audit line: " + line);
        }

        // Spans: each service exported spans of this trace, and the trace reaches PostgreSQL and Redis.
        byte[] traceBytes = HexFormat.of().parseHex(traceId);
        List<byte[]> exports = awaitExports(traceBytes, SERVICES);
        for (String service : SERVICES) {
            assertTrue(exports.stream().anyMatch(contains(service)), "no span of trace " + traceId + " exported by " + service);
        }
        assertTrue(exports.stream().anyMatch(contains("postgresql")), "no PostgreSQL span in the trace");
        assertTrue(exports.stream().anyMatch(contains("redis")), "no Redis span in the trace");

        // Metrics: the audit counters moved by exactly this journey.
        Map<String, Map<String, Double>> after = auditCounters();
        assertEquals(1, delta(before, after, "auth-bff", "login", "success"));
        assertEquals(1, delta(before, after, "auth-bff", "logout", "success"));
        assertEquals(1, delta(before, after, "auth-bff", "step-up-approved", "success"));
        assertEquals(1, delta(before, after, "mfa-service", "step-up-requested", "success"));
        assertEquals(1, delta(before, after, "mfa-service", "step-up-approved", "success"));
        assertEquals(1, delta(before, after, "mfa-service", "factor-added", "success"));
        assertEquals(1, delta(before, after, "payments-service", "payment-booked", "success"));
        assertEquals(1, delta(before, after, "session-service", "session-rotated", "success"));
    }

    @Test
    @Order(2)
    void everyMetricTheDashboardQueriesIsPublished() throws Exception {
        // After the journey above: the suite has served logins, payments, step-ups and refreshes.
        String metrics = String.join("\n", SERVICES.stream().map(OperabilityIT::metricsOf).toList());
        JsonNode dashboard = JSON.readTree(Path.of("..", "helm", "bank-auth-suite", "dashboards", "bank-auth-suite.json").toFile());
        Set<String> queried = new LinkedHashSet<>();
        Matcher name = Pattern.compile("\\b((?:bank|http)_[a-z_]+)\\b").matcher("");
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                name.reset(target.path("expr").asText());
                while (name.find()) {
                    queried.add(name.group(1));
                }
            }
        }
        assertTrue(queried.size() >= 5, "the dashboard queries metrics: " + queried);
        List<String> missing = queried.stream().filter(metric -> !Pattern.compile("(?m)^" + metric + "[{ ]").matcher(metrics).find()).toList();
        assertEquals(List.of(), missing, "metrics the dashboard queries but no service publishes");
    }

    /**
     * Issue 25: the BFF forwards reads with Vert.x's own HTTP client, not the REST client; the call must still carry the
     * browser's trace on to payments-service, which then exports a span of a trace that only this one read carried.
     */
    @Test
    @Order(3)
    void aReadThroughTheBffContinuesTheBrowsersTraceAtPayments() throws Exception {
        String traceId = HexFormat.of().formatHex(random(16));
        try (TestUser user = TestUser.create()) {
            Browser app = new Browser();
            app.signIn(user.username(), user.password(), "/");
            assertEquals(200, app.get("/api/accounts").statusCode());
            app.traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(random(8)) + "-01";
            assertEquals(200, app.get("/api/accounts").statusCode());
            app.traceparent = null;
            assertEquals(200, app.post("/bff/logout", app.appHeaders(null), "").statusCode());
        }
        List<byte[]> exports = awaitExports(HexFormat.of().parseHex(traceId), List.of("auth-bff", "payments-service"));
        assertTrue(exports.stream().anyMatch(contains("auth-bff")), "the BFF exported no span of the read's trace " + traceId);
        assertTrue(exports.stream().anyMatch(contains("payments-service")),
                "payments-service exported no span of the read's trace " + traceId + ": the BFF did not pass the trace on");
    }

    private static void journey(TestUser user, String traceparent) throws Exception {
        Browser app = new Browser();
        app.traceparent = traceparent;
        app.signIn(user.username(), user.password(), "/");
        assertEquals(200, app.get("/api/accounts").statusCode());
        byte[] secret = FirstFactor.activeTotp(app, user, "Trace phone");
        String key = UUID.randomUUID().toString();
        String payment = "{\"debtorAccount\":\"" + user.iban() + "\",\"creditor\":{\"name\":\"Garage Ltd\",\"iban\":\"GB82WEST12345698765432\"},"
                + "\"amount\":\"12000.00\",\"currency\":\"EUR\",\"remittance\":\"Traced\"}";
        assertEquals(401, app.post("/api/payments", app.appHeaders(key), payment).statusCode());
        JsonNode challenge = json(app.postAsApp("/bff/mfa/challenges", "{\"idempotencyKey\":\"" + key + "\"}"), 201);
        json(app.postAsApp("/bff/mfa/challenges/" + challenge.path("challengeId").asText() + "/verify",
                "{\"code\":\"" + AuthenticatorApp.code(secret, 0) + "\"}"), 200);
        assertEquals(201, app.post("/api/payments", app.appHeaders(key), payment).statusCode());
        assertEquals(200, app.post("/bff/logout", app.appHeaders(null), "").statusCode());
    }


    /** Each service's JSON log lines under {@code traceId}; waits a little for the last lines to be written. */
    private static Map<String, List<JsonNode>> awaitLogLines(String traceId) throws Exception {
        Map<String, List<JsonNode>> lines = new LinkedHashMap<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            lines.clear();
            for (String service : SERVICES) {
                List<JsonNode> mine = new ArrayList<>();
                for (String line : Files.readAllLines(STATE.resolve("logs").resolve(service + ".log"), StandardCharsets.UTF_8)) {
                    if (line.startsWith("{") && line.contains(traceId)) {
                        JsonNode json = JSON.readTree(line);
                        if (traceId.equals(json.path("mdc").path("traceId").asText())) {
                            mine.add(json);
                        }
                    }
                }
                lines.put(service, mine);
            }
            if (lines.values().stream().noneMatch(List::isEmpty)
                    && lines.get("auth-bff").stream().anyMatch(l -> l.toString().contains("\"audit.event\":\"logout\""))) {
                return lines;
            }
            Thread.sleep(250);
        }
        return lines;
    }

    /** The OTLP exports (as received by the collector stub) that hold spans of the trace; waits for those of {@code services}. */
    private static List<byte[]> awaitExports(byte[] traceId, List<String> services) throws Exception {
        Path dir = Path.of(System.getenv().getOrDefault("BANK_OTLP_DIR", STATE.resolve("otlp").toString()));
        List<byte[]> found = new ArrayList<>();
        for (int attempt = 0; attempt < 40; attempt++) {
            found.clear();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.sorted().toList()) {
                        byte[] body = Files.readAllBytes(file);
                        if (indexOf(body, traceId) >= 0) {
                            found.add(body);
                        }
                    }
                }
            }
            if (services.stream().allMatch(service -> found.stream().anyMatch(contains(service)))) {
                return found;
            }
            Thread.sleep(250);
        }
        if (!Files.isDirectory(dir)) {
            fail("no OTLP exports in " + dir + ": run through ./suite test, which starts the collector stub");
        }
        return found;
    }

    private static Predicate<byte[]> contains(String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return body -> indexOf(body, needle) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertInOrder(List<String> actual, List<String> expected) {
        int next = 0;
        for (String event : actual) {
            if (next < expected.size() && expected.get(next).equals(event)) {
                next++;
            }
        }
        assertEquals(expected.size(), next, "audit events out of order or missing; expected " + expected + " in order within " + actual);
    }

    /** service → "event/outcome" → count, from each service's /q/metrics. */
    private static Map<String, Map<String, Double>> auditCounters() {
        Map<String, Map<String, Double>> counters = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Map<String, Double> mine = new LinkedHashMap<>();
            Matcher m = COUNTER.matcher(metricsOf(service));
            while (m.find()) {
                Matcher event = Pattern.compile("event=\"([^\"]+)\"").matcher(m.group(1));
                Matcher outcome = Pattern.compile("outcome=\"([^\"]+)\"").matcher(m.group(1));
                if (event.find() && outcome.find()) {
                    mine.merge(event.group(1) + "/" + outcome.group(1), Double.parseDouble(m.group(2)), Double::sum);
                }
            }
            counters.put(service, mine);
        }
        return counters;
    }

    private static int delta(Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after, String service,
            String event, String outcome) {
        String key = event + "/" + outcome;
        return (int) Math.round(after.get(service).getOrDefault(key, 0.0) - before.get(service).getOrDefault(key, 0.0));
    }

    private static String metricsOf(String service) {
        String base = Suite.MANAGEMENT.get(SERVICES.indexOf(service));
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), service + " /q/metrics");
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(service + " /q/metrics did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }
}
