package com.bank.auth.bff.client;

import java.net.URI;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.bff.config.BffConfig;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * payments-service's reads as the {@code /api} proxy forwards them on the event loop ({@code GET /accounts},
 * {@code /payments}, {@code /payments/{id}}, {@code /beneficiaries}): Vert.x's own HTTP client on the BFF's Vert.x, a
 * keep-alive pool of HTTP/1.1 connections, with the budgets of {@code bff.payments-connect-timeout} and
 * {@code -read-timeout} (no byte for that long: the call fails, the user gets a 503).
 *
 * <p>Why not the REST client ({@link PaymentsClient}, which the writes keep): a read only passes payments' answer on,
 * and the REST client's per-call machinery (invocation and request context, client filters, entity reading, and a
 * Mutiny and context-propagation hop at each step) was most of the BFF's own CPU per read in profiles (issue 25, part 2).
 * Tracing and metrics stay: OpenTelemetry's Vert.x tracer gives every call of this client a client span and the
 * {@code traceparent} header, Micrometer's Vert.x binder its {@code http.client.requests} timer, as for the REST clients.
 */
@ApplicationScoped
public class PaymentsReads {

    /** As many connections as the REST client's default pool: the BFF's concurrent reads, per replica. */
    private static final int MAX_CONNECTIONS = 50;

    /** payments' answer as it came: its status, its content type (may be null) and its body. */
    public record Answer(int status, String contentType, Buffer body) {
    }

    private final HttpClient client;
    private final String basePath;
    private final long connectTimeoutMillis;
    private final long readTimeoutMillis;

    PaymentsReads(Vertx vertx, BffConfig config) {
        URI base = URI.create(config.paymentsUrl());
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        HttpClientOptions options = new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : tls ? 443 : 80)
                .setSsl(tls)
                .setConnectTimeout((int) config.paymentsConnectTimeout().toMillis())
                .setKeepAlive(true)
                .setName("payments-service");
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.connectTimeoutMillis = config.paymentsConnectTimeout().toMillis();
        this.readTimeoutMillis = config.paymentsReadTimeout().toMillis();
    }

    /**
     * {@code GET} of a fixed upstream path (the proxy's routes build it from checked parts only) with the user's
     * {@code Authorization}; completes once payments' whole answer is here, or fails (not reachable, no answer in time).
     */
    public CompletionStage<Answer> get(String pathAndQuery, String authorization) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI(basePath + pathAndQuery)
                .putHeader(HttpHeaders.AUTHORIZATION, authorization)
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                // A connection within the connect budget, new or from the pool (when every pooled one waits on a hung
                // payments-service, a read must not queue for one without end), then no byte for the read budget.
                .setConnectTimeout(connectTimeoutMillis)
                .setIdleTimeout(readTimeoutMillis);
        return client.request(request)
                .compose(sent -> sent.send())
                .compose(response -> response.body()
                        .map(body -> new Answer(response.statusCode(), response.getHeader(HttpHeaders.CONTENT_TYPE), body)))
                .toCompletionStage();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
