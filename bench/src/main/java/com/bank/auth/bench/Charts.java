package com.bank.auth.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plain SVG, no library: bars per A/B pair (each pair on its own scale), latency percentile curves (log scale), and CPU
 * per request stacked by process against one Envoy sidecar's cost.
 */
final class Charts {

    /** Enough distinct colours for every curve of a run (B4's two and B7's five). */
    private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#e377c2",
            "#bcbd22", "#7f7f7f" };

    private Charts() {
    }

    static String throughput(List<Report.Pair> pairs) {
        int panel = 78, width = 760;
        int height = 40 + panel * Math.max(1, pairs.size());
        StringBuilder svg = header(width, height, "Throughput, each pair on its own scale (requests per second)");
        int y = 40;
        for (Report.Pair pair : pairs) {
            double max = Math.max(pair.oursRps(), pair.limitRps());
            svg.append(text(10, y + 12, 13, "bold", pair.title() + "  —  " + fmt("%.2f×", pair.ratio())));
            bar(svg, y + 18, pair.limit(), pair.limitRps(), max, "#9e9e9e");
            bar(svg, y + 42, pair.ours(), pair.oursRps(), max, COLOURS[0]);
            y += panel;
        }
        return svg.append("</svg>\n").toString();
    }

    static String latency(Map<String, double[]> curves) {
        int width = 860, height = 380, left = 70, right = 280, top = 40, bottom = 50;
        double[] percentiles = FixedRateJourney.PERCENTILES;
        double min = Double.MAX_VALUE, max = 0;
        for (double[] values : curves.values()) {
            for (double v : values) {
                if (!Double.isNaN(v) && v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (max == 0) {
            min = 1;
            max = 10;
        }
        double lo = Math.floor(Math.log10(min)), hi = Math.ceil(Math.log10(max));
        if (hi <= lo) {
            hi = lo + 1;
        }
        StringBuilder svg = header(width, height, "Latency by percentile (ms, log scale); B7 from each journey's scheduled start");
        int plotW = width - left - right, plotH = height - top - bottom;
        for (double decade = lo; decade <= hi; decade++) {
            double y = top + plotH - (decade - lo) / (hi - lo) * plotH;
            svg.append(fmt("<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>", left, y, left + plotW, y));
            svg.append(text(8, (int) y + 4, 11, "normal", fmt("%s ms", trim(Math.pow(10, decade)))));
        }
        for (int i = 0; i < percentiles.length; i++) {
            int x = left + i * plotW / (percentiles.length - 1);
            svg.append(text(x - 14, top + plotH + 20, 11, "normal", percentiles[i] == 100 ? "max" : "p" + trim(percentiles[i])));
        }
        int colour = 0, legend = top;
        for (Map.Entry<String, double[]> curve : curves.entrySet()) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < percentiles.length; i++) {
                double v = curve.getValue()[i];
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                double x = left + (double) i * plotW / (percentiles.length - 1);
                double y = top + plotH - (Math.log10(v) - lo) / (hi - lo) * plotH;
                points.append(fmt("%.1f,%.1f ", x, y));
            }
            String c = COLOURS[colour++ % COLOURS.length];
            svg.append(fmt("<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>", c, points.toString().trim()));
            svg.append(fmt("<rect x='%d' y='%d' width='12' height='12' fill='%s'/>", left + plotW + 12, legend, c));
            svg.append(text(left + plotW + 30, legend + 11, 12, "normal", curve.getKey()));
            legend += 20;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Istio's published cost of an Envoy sidecar: 0.35 vCPU per 1,000 req/s, so 350 µs of CPU per request. */
    static final double SIDECAR_MICROS = 350;

    /** One bar per path, stacked by process (µs of CPU per request), on one scale, with the sidecar's 350 µs marked. */
    static String cpu(Map<String, Map<String, Double>> paths) {
        int row = 46, width = 760, x0 = 250, plotW = width - x0 - 120;
        int height = 90 + row * Math.max(1, paths.size());
        StringBuilder svg = header(width, height, "CPU per request, each process on the path (µs, from /proc)");
        double max = SIDECAR_MICROS;
        for (Map<String, Double> path : paths.values()) {
            max = Math.max(max, path.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).sum());
        }
        List<String> processes = paths.values().stream().flatMap(path -> path.keySet().stream()).distinct().toList();
        int y = 44;
        for (Map.Entry<String, Map<String, Double>> path : paths.entrySet()) {
            svg.append(text(20, y + 14, 12, "normal", path.getKey()));
            double at = 0;
            for (Map.Entry<String, Double> process : path.getValue().entrySet()) {
                if (process.getValue().isNaN()) {
                    continue;
                }
                int x = x0 + (int) Math.round(plotW * at / max);
                int w = (int) Math.round(plotW * process.getValue() / max);
                svg.append(fmt("<rect x='%d' y='%d' width='%d' height='20' fill='%s'/>", x, y, Math.max(1, w),
                        COLOURS[processes.indexOf(process.getKey()) % COLOURS.length]));
                at += process.getValue();
            }
            svg.append(text(x0 + (int) Math.round(plotW * at / max) + 6, y + 15, 12, "normal", fmt("%,.0f µs", at)));
            y += row;
        }
        int sidecar = x0 + (int) Math.round(plotW * SIDECAR_MICROS / max);
        svg.append(fmt("<line x1='%d' y1='36' x2='%d' y2='%d' stroke='#555' stroke-dasharray='4 3'/>", sidecar, sidecar, y));
        svg.append(text(sidecar + 4, y + 12, 11, "normal", "one Envoy sidecar, 350 µs"));
        int legend = 20;
        for (String process : processes) {
            svg.append(fmt("<rect x='%d' y='%d' width='12' height='12' fill='%s'/>", legend, y + 26, COLOURS[processes.indexOf(process) % COLOURS.length]));
            svg.append(text(legend + 16, y + 37, 12, "normal", process));
            legend += 30 + 8 * process.length();
        }
        return svg.append("</svg>\n").toString();
    }

    private static void bar(StringBuilder svg, int y, String label, double rps, double max, String colour) {
        int x0 = 250, w = (int) Math.round((760 - x0 - 110) * (max == 0 ? 0 : rps / max));
        svg.append(text(20, y + 14, 12, "normal", label));
        svg.append(fmt("<rect x='%d' y='%d' width='%d' height='18' fill='%s'/>", x0, y, Math.max(1, w), colour));
        svg.append(text(x0 + w + 6, y + 14, 12, "normal", fmt("%,.0f/s", rps)));
    }

    private static StringBuilder header(int width, int height, String title) {
        return new StringBuilder(fmt("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' font-family='sans-serif'>",
                width, height, width, height))
                .append(fmt("<rect width='%d' height='%d' fill='white'/>", width, height))
                .append(text(10, 22, 15, "bold", title));
    }

    private static String text(int x, int y, int size, String weight, String content) {
        return fmt("<text x='%d' y='%d' font-size='%d' font-weight='%s'>%s</text>", x, y, size, weight,
                content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String fmt(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }
}
