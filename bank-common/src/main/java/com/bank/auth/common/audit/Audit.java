package com.bank.auth.common.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The audit trail: one typed call per security event instead of free-text log lines. Each event goes to the log
 * category {@code audit} (so a platform can route it to a SIEM on its own) as one line whose structured fields are
 * MDC entries under {@code audit.*}: {@code audit.event}, {@code audit.outcome}, {@code audit.sub}, {@code audit.client}
 * (the client's address as seen through the configured proxy: {@code quarkus.http.proxy.*}) and the details. Time,
 * trace id and span id come with every log line. It also counts the event in {@code bank_audit_events_total{event,outcome}}.
 *
 * <p>Details must never hold a token, code, secret, cookie or session id: pass the session <em>handle</em>.
 */
public final class Audit {

    /** The log category a platform routes to its SIEM. */
    public static final String CATEGORY = "audit";
    public static final String METRIC = "bank.audit.events";

    private static final Logger LOG = Logger.getLogger(CATEGORY);

    private Audit() {
    }

    /** Records a security event about {@code subject} (a user's {@code sub}, or null when unknown). */
    public static void event(AuditEvent type, Outcome outcome, String subject, Map<String, ?> details) {
        Counter.builder(METRIC).description("Security events of the audit trail, by event and outcome")
                .tag("event", type.code()).tag("outcome", outcome.code()).register(Metrics.globalRegistry).increment();

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("audit.event", type.code());
        fields.put("audit.outcome", outcome.code());
        if (subject != null) {
            fields.put("audit.sub", subject);
        }
        String trace = traceId();
        if (trace != null) {
            fields.put("audit.trace", trace);
        }
        String client = clientAddress();
        if (client != null) {
            fields.put("audit.client", client);
        }
        StringBuilder line = new StringBuilder(type.code()).append(' ').append(outcome.code());
        if (subject != null) {
            line.append(" sub=").append(subject);
        }
        if (details != null) {
            details.forEach((key, value) -> {
                if (value != null) {
                    fields.put("audit." + key, String.valueOf(value));
                    line.append(' ').append(key).append('=').append(value);
                }
            });
        }
        if (client != null) {
            line.append(" client=").append(client);
        }
        fields.forEach(MDC::put);
        try {
            if (outcome == Outcome.SUCCESS) {
                LOG.info(line);
            } else {
                LOG.warn(line);
            }
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
    }

    public static void event(AuditEvent type, Outcome outcome, String subject) {
        event(type, outcome, subject, Map.of());
    }

    /**
     * Records the event once the current transaction has committed, never when it rolls back: what the trail says
     * happened (a step-up approved, a payment booked) did happen (issue 23, item 9). Outside a transaction: at once.
     * For services with JTA (Narayana); the others never call it.
     */
    public static void eventAfterCommit(AuditEvent type, Outcome outcome, String subject, Map<String, ?> details) {
        var registry = io.quarkus.arc.Arc.container().select(jakarta.transaction.TransactionSynchronizationRegistry.class);
        if (!registry.isResolvable() || registry.get().getTransactionKey() == null) {
            event(type, outcome, subject, details);
            return;
        }
        Map<String, ?> copy = details == null ? Map.of() : new LinkedHashMap<>(details);
        registry.get().registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    event(type, outcome, subject, copy);
                }
            }
        });
    }

    /** The current trace id (32 hex digits), or null outside a trace. */
    public static String traceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    /** The address of the client of the HTTP request being served, after proxy forwarding rules; null outside one. */
    private static String clientAddress() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        CurrentVertxRequest current = container.instance(CurrentVertxRequest.class).get();
        RoutingContext routing = current == null ? null : current.getCurrent();
        SocketAddress address = routing == null ? null : routing.request().remoteAddress();
        return address == null ? null : address.hostAddress();
    }
}
