package com.bank.auth.bff.client;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import com.bank.auth.bff.config.BffConfig;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** The one {@link PaymentsClient}, with the budgets of {@code bff.payments-connect-timeout} / {@code -read-timeout}. */
@ApplicationScoped
public class PaymentsUpstream {

    @Produces
    @ApplicationScoped
    PaymentsClient paymentsClient(BffConfig config) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(config.paymentsUrl()))
                .connectTimeout(config.paymentsConnectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.paymentsReadTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Payments' 4xx answers are the user's answers (problem+json): passed through, never thrown.
                .disableDefaultMapper(true)
                .build(PaymentsClient.class);
    }
}
