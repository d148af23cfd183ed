package com.bank.auth.mfa.delivery;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.bank.auth.common.telemetry.OutboundCalls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON POST to a third-party delivery provider (the SMS provider, the print-and-post provider) with its auth
 * header, within its time budget (DESIGN 8), traced and timed as {@code bank_outbound_seconds{peer}}. It answers why
 * the provider did not take the message, never the message itself: that holds a code.
 */
public final class ProviderPost {

    private final String peer;
    private final HttpClient http;
    private final Duration readTimeout;
    private final URI endpoint;
    private final String authHeader;
    private final String authValue;
    private final ObjectMapper json;
    private final OutboundCalls outbound;

    public ProviderPost(String peer, URI endpoint, String authHeader, String authValue, Duration connectTimeout, Duration readTimeout,
            ObjectMapper json, OutboundCalls outbound) {
        this.peer = peer;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        this.readTimeout = readTimeout;
        this.endpoint = endpoint;
        this.authHeader = authHeader;
        this.authValue = authValue;
        this.json = json;
        this.outbound = outbound;
    }

    /** Empty if the provider took {@code body} (a 2xx), else why not. */
    public Optional<String> post(Map<String, Object> body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(readTimeout)
                    .header("Content-Type", "application/json").header(authHeader, authValue)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            int status = outbound.call(peer, "send", "POST", endpoint, request::header, HttpResponse::statusCode,
                    () -> send(request.build())).statusCode();
            return status / 100 == 2 ? Optional.empty() : Optional.of(peer + " answered " + status);
        } catch (JsonProcessingException e) {
            return Optional.of("body not serialisable");
        } catch (IOException e) {
            return Optional.of(peer + " unreachable: " + e.getClass().getSimpleName());
        }
    }

    private HttpResponse<Void> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + peer + " answered");
        }
    }
}
