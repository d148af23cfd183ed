package com.bank.auth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for an OpenTelemetry collector (a third party we do not run in tests): accepts OTLP/HTTP exports
 * ({@code POST /v1/traces}, protobuf) and keeps each body as a file, so a system test can find a trace id and the
 * services' names in what the services really exported. {@code ./suite test} runs it; it parses nothing.
 *
 * <p>Usage: {@code java -cp test-support/target/classes com.bank.auth.testing.OtlpCollectorStub <port> <dir>}
 */
public final class OtlpCollectorStub {

    private OtlpCollectorStub() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        AtomicLong sequence = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/v1/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                String signal = exchange.getRequestURI().getPath().substring("/v1/".length()).replaceAll("[^a-z]", "");
                Path file = dir.resolve(String.format("%06d-%s.pb", sequence.incrementAndGet(), signal));
                Files.write(file, body.readAllBytes());
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        System.out.println("OTLP collector stub on 127.0.0.1:" + port + ", writing to " + dir);
    }
}
