package com.bank.auth.bff.client;

import java.time.Duration;

import jakarta.ws.rs.ProcessingException;

import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.reactive.filter.runtime.AbstractOidcClientRequestReactiveFilter;
import io.smallrye.mutiny.Uni;

/**
 * quarkus-oidc-client's request filter with a time budget on the service token. The client fetches, caches and renews
 * bank-bff's client-credentials token, but its own HTTP call has a connect timeout only: with Keycloak hung during a
 * renewal, every call to session-service or mfa-service would wait forever. Here the token must come within the
 * budget, else the call fails like an unreachable service (a 503 problem for the user, DESIGN 8).
 */
abstract class BudgetedServiceTokens extends AbstractOidcClientRequestReactiveFilter {

    /** Connect (2 s) and answer well within DESIGN 8's 5 s, like every Keycloak call of the BFF. */
    static final Duration BUDGET = Duration.ofSeconds(4);

    @Override
    public Uni<Tokens> getTokens() {
        return super.getTokens().ifNoItem().after(BUDGET)
                .failWith(() -> new ProcessingException("no service token from Keycloak within " + BUDGET.toSeconds() + " s"));
    }
}
