package com.bank.auth.mfa.sms;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.bank.auth.common.telemetry.OutboundCalls;
import com.bank.auth.mfa.config.MfaConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The production adapter: POSTs {@code {"from","to","text"}} as JSON to the provider's HTTPS endpoint with its auth
 * header. A failure is an exception (the challenge is not created), never a silent drop.
 */
public class HttpSmsSender implements SmsSender {

    private final HttpClient http;
    private final Duration readTimeout;
    private final ObjectMapper json;
    private final URI endpoint;
    private final String authHeader;
    private final String authValue;
    private final String sender;

    private final OutboundCalls outbound;

    public HttpSmsSender(MfaConfig.Sms config, ObjectMapper json, OutboundCalls outbound) {
        this.json = json;
        this.outbound = outbound;
        this.http = HttpClient.newBuilder().connectTimeout(config.httpConnectTimeout()).build();
        this.readTimeout = config.httpReadTimeout();
        this.endpoint = URI.create(config.httpUrl().orElseThrow(() -> new IllegalStateException("mfa.sms.http-url is required for provider http")));
        this.authHeader = config.httpAuthHeader();
        this.authValue = config.httpAuthValue().orElseThrow(() -> new IllegalStateException("mfa.sms.http-auth-value is required for provider http"));
        this.sender = config.sender();
    }

    @Override
    public void send(String sub, String phoneNumber, String text) {
        try {
            String body = json.writeValueAsString(Map.of("from", sender, "to", phoneNumber, "text", text));
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(readTimeout)
                    .header("Content-Type", "application/json").header(authHeader, authValue)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            // Traced and timed (bank_outbound_seconds{peer="sms-provider"}) like every call the suite makes.
            int status = outbound.call("sms-provider", "send", "POST", endpoint, request::header, HttpResponse::statusCode,
                    () -> post(request.build())).statusCode();
            if (status / 100 != 2) {
                throw new SmsNotSentException("SMS provider answered " + status);
            }
        } catch (JsonProcessingException e) {
            throw new SmsNotSentException("SMS body not serialisable");
        } catch (IOException e) {
            throw new SmsNotSentException("SMS provider unreachable: " + e.getClass().getSimpleName());
        }
    }

    private HttpResponse<Void> post(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the SMS provider answered");
        }
    }
}
