package com.bank.auth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one run measured: the B-rows (each a ratio against a limit measured in the same run), the details under
 * them, and two charts a reader can look at instead of the tables: throughput bars per A/B pair and latency
 * percentile curves.
 */
final class Report {

    /** One B-row. {@code met} is null where the issue asks only for a report. */
    record Row(String id, String measure, String value, String limit, String ratio, String goal, Boolean met) {
    }

    /** Two throughputs side by side: ours and the limit it is read against. */
    record Pair(String title, String ours, double oursRps, String limit, double limitRps) {
        double ratio() {
            return oursRps / limitRps;
        }
    }

    private final Options options;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();
    private final List<Pair> pairs = new ArrayList<>();
    private final Map<String, double[]> curves = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> cpu = new LinkedHashMap<>();
    private final List<String> environment = new ArrayList<>();

    Report(Options options) {
        this.options = options;
    }

    void row(Row row) {
        rows.add(row);
        System.out.printf("  %-4s %-58s %s (%s)%n", row.id(), row.measure(), row.ratio(), row.met() == null ? "report" : row.met() ? "goal met" : "goal missed");
    }

    void detail(String markdown) {
        details.add(markdown);
    }

    void pair(Pair pair) {
        pairs.add(pair);
    }

    /** Latency at {@link FixedRateJourney#PERCENTILES} (ms); NaN where not measured. */
    void curve(String label, double[] millis) {
        curves.put(label, millis);
    }

    /** CPU per request of each process on one path (µs), for the CPU chart. */
    void cpu(String path, Map<String, Double> microsPerProcess) {
        cpu.put(path, microsPerProcess);
    }

    void environment(String line) {
        environment.add(line);
    }

    Path write() throws IOException {
        Files.createDirectories(options.out());
        String stem = options.date() + (options.quick() ? "-quick" : "");
        Files.writeString(options.out().resolve(stem + "-throughput.svg"), Charts.throughput(pairs));
        Files.writeString(options.out().resolve(stem + "-latency.svg"), Charts.latency(curves));
        Files.writeString(options.out().resolve(stem + "-cpu.svg"), Charts.cpu(cpu));
        StringBuilder md = new StringBuilder();
        md.append("# ./suite bench").append(options.quick() ? " --quick" : "").append(", ").append(options.date()).append("\n\n");
        if (options.quick()) {
            md.append("> Quick mode: every scenario ran for a few seconds to prove the bench works. Do not read these figures.\n\n");
        }
        environment.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n| # | measure | value | against | ratio | goal | |\n|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(String.join(" | ", row.id(), row.measure(), row.value(), row.limit(), row.ratio(), row.goal(),
                    row.met() == null ? "report" : row.met() ? "met" : "**missed**")).append(" |\n");
        }
        md.append("\n![throughput](").append(stem).append("-throughput.svg)\n\n![latency](").append(stem).append("-latency.svg)\n\n")
                .append("![CPU per request](").append(stem).append("-cpu.svg)\n\n");
        details.forEach(d -> md.append(d).append("\n\n"));
        Path report = options.out().resolve(stem + ".md");
        Files.writeString(report, md.toString());
        if (!options.quick()) {
            // The README shows the latest charts.
            Files.writeString(options.out().resolve("latest-throughput.svg"), Charts.throughput(pairs));
            Files.writeString(options.out().resolve("latest-latency.svg"), Charts.latency(curves));
            Files.writeString(options.out().resolve("latest-cpu.svg"), Charts.cpu(cpu));
        }
        return report;
    }

    static String f(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }
}
