package com.bank.auth.mfa.sms;

import java.net.URI;
import java.util.Map;

import com.bank.auth.common.telemetry.OutboundCalls;
import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.delivery.ProviderPost;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The production adapter: POSTs {@code {"from","to","text"}} as JSON to the provider's HTTPS endpoint with its auth
 * header. A failure is an exception (the challenge is not created), never a silent drop.
 */
public class HttpSmsSender implements SmsSender {

    private final ProviderPost provider;
    private final String sender;

    public HttpSmsSender(MfaConfig.Sms config, ObjectMapper json, OutboundCalls outbound) {
        this.provider = new ProviderPost("sms-provider",
                URI.create(config.httpUrl().orElseThrow(() -> new IllegalStateException("mfa.sms.http-url is required for provider http"))),
                config.httpAuthHeader(),
                config.httpAuthValue().orElseThrow(() -> new IllegalStateException("mfa.sms.http-auth-value is required for provider http")),
                config.httpConnectTimeout(), config.httpReadTimeout(), json, outbound);
        this.sender = config.sender();
    }

    @Override
    public void send(String sub, String phoneNumber, String text) {
        provider.post(Map.of("from", sender, "to", phoneNumber, "text", text)).ifPresent(why -> {
            throw new SmsNotSentException(why);
        });
    }
}
