package com.bank.auth.common.telemetry;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Outbound HTTP calls made with clients that Quarkus does not instrument (the JDK {@code HttpClient}, Nimbus'
 * {@code HTTPRequest}): each runs as a CLIENT span whose W3C trace context goes out in the request's headers, so the
 * callee joins the caller's trace, and is timed in {@code bank_outbound_seconds{peer,operation,outcome}} (p99 per hop).
 * REST Client calls are traced and timed by Quarkus itself ({@code http_client_requests_seconds}).
 */
@ApplicationScoped
public class OutboundCalls {

    /** An outbound call that may throw. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T run() throws E;
    }

    private final Tracer tracer;
    private final OpenTelemetry telemetry;
    private final MeterRegistry registry;

    /** Public for adapters built outside CDI and their tests ({@code OpenTelemetry.noop()}, a simple registry). */
    public OutboundCalls(OpenTelemetry telemetry, MeterRegistry registry) {
        this.telemetry = telemetry;
        this.tracer = telemetry.getTracer("com.bank.auth");
        this.registry = registry;
    }

    /**
     * Runs {@code call} to {@code peer} ("keycloak", "payments-service") as operation {@code operation}.
     * {@code header} receives the trace headers to send; {@code status} reads the HTTP status from the answer.
     */
    public <T, E extends Exception> T call(String peer, String operation, String method, URI url,
            BiConsumer<String, String> header, ToIntFunction<T> status, Call<T, E> call) throws E {
        Span span = tracer.spanBuilder(method + " " + peer + " " + operation).setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", method)
                .setAttribute("server.address", url.getHost())
                .setAttribute("server.port", (long) url.getPort())
                // Path only: a query string could carry something that must not leave this process in telemetry.
                .setAttribute("url.path", url.getPath())
                .setAttribute("peer.service", peer)
                .startSpan();
        long start = System.nanoTime();
        String outcome = "error";
        try (Scope ignored = span.makeCurrent()) {
            telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), header, BiConsumer::accept);
            T answer = call.run();
            int code = status.applyAsInt(answer);
            span.setAttribute("http.response.status_code", (long) code);
            outcome = code >= 500 ? "server-error" : code >= 400 ? "client-error" : "success";
            if (code >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            return answer;
        } catch (Exception e) {
            // The exception's class only: its message may hold a URL or an answer's text.
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
            Timer.builder("bank.outbound").description("Outbound HTTP calls not made through a REST Client, by peer and operation")
                    .tag("peer", peer).tag("operation", operation).tag("outcome", outcome)
                    .publishPercentileHistogram().register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
