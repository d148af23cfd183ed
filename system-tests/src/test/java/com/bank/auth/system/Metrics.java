package com.bank.auth.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's Prometheus metrics, read from its management interface. */
final class Metrics {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * {@code name{labels} value}, then what may follow on the line: a timestamp, or an exemplar ({@code # {trace_id=…}
     * 1.0 …}), which Micrometer adds to a series while tracing is on (./suite test exports spans).
     */
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? ([-+0-9.eE]+|NaN)(?: .*)?$", Pattern.MULTILINE);

    private Metrics() {
    }

    /** The sum of every series of {@code name} at {@code management} whose labels include {@code labels}; 0 if none. */
    static double sum(String management, String name, Map<String, String> labels) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(management + "/q/metrics"))
                .timeout(java.time.Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(management + "/q/metrics answered " + response.statusCode());
        }
        double sum = 0;
        Matcher series = SERIES.matcher(response.body());
        while (series.find()) {
            String seriesLabels = series.group(3) == null ? "" : series.group(3);
            if (series.group(1).equals(name) && labels.entrySet().stream()
                    .allMatch(label -> seriesLabels.contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
                sum += Double.parseDouble(series.group(4));
            }
        }
        return sum;
    }
}
