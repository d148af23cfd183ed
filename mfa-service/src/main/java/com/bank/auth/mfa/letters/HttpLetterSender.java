package com.bank.auth.mfa.letters;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import com.bank.auth.common.telemetry.OutboundCalls;
import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.delivery.ProviderPost;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The production adapter: POSTs {@code {"reference","customer","text"}} to a print-and-post provider's HTTPS API,
 * which prints the letter and mails it to the customer's address on record (PSD2 RTS Art. 24: the code reaches the
 * customer through a channel a phished password does not control).
 */
public class HttpLetterSender implements LetterSender {

    private final ProviderPost provider;

    public HttpLetterSender(MfaConfig.Letters config, ObjectMapper json, OutboundCalls outbound) {
        this.provider = new ProviderPost("letter-provider",
                URI.create(config.httpUrl().orElseThrow(() -> new IllegalStateException("mfa.letters.http-url is required for provider http"))),
                config.httpAuthHeader(),
                config.httpAuthValue().orElseThrow(() -> new IllegalStateException("mfa.letters.http-auth-value is required for provider http")),
                config.httpConnectTimeout(), config.httpReadTimeout(), json, outbound);
    }

    @Override
    public void send(UUID letterId, String sub, String text, String activationCode) {
        provider.post(Map.of("reference", letterId.toString(), "customer", sub, "text", text)).ifPresent(why -> {
            throw new LetterNotSentException(why);
        });
    }
}
