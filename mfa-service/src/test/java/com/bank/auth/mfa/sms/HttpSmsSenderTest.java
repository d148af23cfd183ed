package com.bank.auth.mfa.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.bank.auth.common.telemetry.OutboundCalls;
import com.bank.auth.mfa.config.MfaConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

/** The production SMS adapter against a local HTTP server that checks what it receives. */
class HttpSmsSenderTest {

    private HttpServer provider;
    private final AtomicReference<String> body = new AtomicReference<>();
    private final AtomicReference<String> auth = new AtomicReference<>();
    private final AtomicReference<String> contentType = new AtomicReference<>();
    private volatile int status = 202;
    private Duration readTimeout = Duration.ofSeconds(5);

    @BeforeEach
    void start() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/v1/messages", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.set(exchange.getRequestHeaders().getFirst("X-Api-Key"));
            contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    @Test
    void postsJsonWithTheAuthHeader() throws Exception {
        sender().send("alice", "+4915112345678", "Bank: 123456 approves EUR 12,000.00 to Electricity Ltd");
        assertEquals("provider-secret", auth.get());
        assertEquals("application/json", contentType.get());
        assertEquals(Map.of("from", "Bank", "to", "+4915112345678", "text", "Bank: 123456 approves EUR 12,000.00 to Electricity Ltd"),
                new ObjectMapper().readValue(body.get(), Map.class));
    }

    @Test
    void aRefusalIsAnErrorNotASilentDrop() {
        status = 500;
        assertThrows(SmsNotSentException.class, () -> sender().send("alice", "+4915112345678", "x"));
        provider.stop(0);
        assertThrows(SmsNotSentException.class, () -> sender().send("alice", "+4915112345678", "x"));
    }

    /** A provider that accepts the connection and never answers: the send gives up within its budget. */
    @Test
    void aHungProviderFailsWithinTheBudget() throws Exception {
        try (java.net.ServerSocket hung = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            readTimeout = Duration.ofMillis(300);
            String url = "http://127.0.0.1:" + hung.getLocalPort() + "/v1/messages";
            HttpSmsSender sender = sender(url);
            assertThrows(SmsNotSentException.class, () -> sender.send("alice", "+4915112345678", "x"));
        }
    }

    private HttpSmsSender sender() {
        return sender("http://127.0.0.1:" + provider.getAddress().getPort() + "/v1/messages");
    }

    private HttpSmsSender sender(String url) {
        return new HttpSmsSender(new MfaConfig.Sms() {
            public String provider() { return "http"; }
            public Duration codeTtl() { return Duration.ofMinutes(5); }
            public int rateLimit() { return 5; }
            public Duration rateWindow() { return Duration.ofMinutes(15); }
            public int numberLimit() { return 10; }
            public Duration numberWindow() { return Duration.ofDays(1); }
            public int globalLimit() { return 1000; }
            public Duration globalWindow() { return Duration.ofHours(1); }
            public java.util.List<String> allowedCountries() { return java.util.List.of("DE"); }
            public Optional<String> codeHmacKey() { return Optional.empty(); }
            public Optional<String> httpUrl() { return Optional.of(url); }
            public String httpAuthHeader() { return "X-Api-Key"; }
            public Optional<String> httpAuthValue() { return Optional.of("provider-secret"); }
            public String sender() { return "Bank"; }
            public Duration httpConnectTimeout() { return Duration.ofSeconds(2); }
            public Duration httpReadTimeout() { return readTimeout; }
        }, new ObjectMapper(), new OutboundCalls(OpenTelemetry.noop(), new SimpleMeterRegistry()));
    }
}
