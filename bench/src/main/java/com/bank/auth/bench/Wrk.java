package com.bank.auth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saturation with wrk (Debian's package): a closed model, N connections each sending its next request when the last
 * answered, so the figure is the most the server gives. One wrk thread: the load generator shares its core with
 * nothing but itself. Latency percentiles from {@code --latency}.
 */
final class Wrk {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");
    private static final Pattern REQUESTS = Pattern.compile("([0-9]+) requests in");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    record Result(String label, double rps, long requests, long failures, Map<Integer, Double> latencyMs) {
        double p(int percentile) {
            return latencyMs.getOrDefault(percentile, Double.NaN);
        }
    }

    private Wrk() {
    }

    /** GET (or the method given) of {@code url} with these headers, {@code connections} at once, for {@code length}. */
    static Result run(String label, String method, String url, Map<String, String> headers, int connections, Duration length) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + Math.max(1, length.toSeconds()) + "s",
                "--latency", "--timeout", "10s"));
        headers.forEach((name, value) -> command.addAll(List.of("-H", name + ": " + value)));
        Path script = null;
        try {
            if (!"GET".equals(method)) {
                script = Files.createTempFile("wrk-", ".lua");
                Files.writeString(script, "wrk.method = \"" + method + "\"\n");
                command.addAll(List.of("-s", script.toString()));
            }
            command.add(url);
            String output = Processes.output(command, length.plusSeconds(30));
            return parse(label, output);
        } catch (IOException e) {
            throw new IllegalStateException("wrk failed: " + e.getMessage(), e);
        } finally {
            if (script != null) {
                script.toFile().delete();
            }
        }
    }

    static Result parse(String label, String output) {
        Matcher rps = RPS.matcher(output);
        if (!rps.find()) {
            throw new IllegalStateException("wrk printed no Requests/sec:\n" + output);
        }
        long failures = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            failures += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                failures += Long.parseLong(socket.group(i));
            }
        }
        Matcher requests = REQUESTS.matcher(output);
        Map<Integer, Double> latency = new java.util.TreeMap<>();
        Matcher p = PERCENTILE.matcher(output);
        while (p.find()) {
            double value = Double.parseDouble(p.group(2));
            latency.put(Integer.parseInt(p.group(1)), switch (p.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            });
        }
        return new Result(label, Double.parseDouble(rps.group(1)), requests.find() ? Long.parseLong(requests.group(1)) : 0, failures, latency);
    }
}
