package com.bank.auth.common.abuse;

import java.util.Map;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * The one refusal of DESIGN 8's abuse limits, whichever service enforces one: {@code 429 application/problem+json}
 * ({@code type .../rate-limited}, the {@code limit} it hit) with {@code Retry-After}, counted in
 * {@code bank_abuse_refusals_total{limit}} for the dashboard and its alerts.
 */
public final class AbuseRefusal {

    public static final String METRIC = "bank_abuse_refusals";

    private AbuseRefusal() {
    }

    public static ProblemException of(String limit, String detail, long retryAfterSeconds) {
        Counter.builder(METRIC).description("Requests refused by an abuse limit (DESIGN 8), by limit").tag("limit", limit)
                .register(Metrics.globalRegistry).increment();
        return new ProblemException(Problem.of("rate-limited", "Too many requests", 429, detail).with(Map.of("limit", limit)),
                Map.of("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds))));
    }
}
