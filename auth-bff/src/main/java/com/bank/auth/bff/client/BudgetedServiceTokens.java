package com.bank.auth.bff.client;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.reactive.filter.runtime.AbstractOidcClientRequestReactiveFilter;
import io.smallrye.mutiny.Uni;

/**
 * quarkus-oidc-client's request filter, made to fail fast and to outlive a hung Keycloak while it can. The client
 * fetches and renews bank-bff's client-credentials token (60 s before expiry), but its own HTTP call has a connect
 * timeout only: with Keycloak hung during a renewal, every call to session-service or mfa-service would wait forever,
 * and logout could not end the session. So: a token with time left is used at once while its renewal runs in the
 * background (stale-while-revalidate, like the JWKS); without one, the new token must come within the budget, else the
 * call fails like an unreachable service (a 503 problem for the user, DESIGN 8).
 */
abstract class BudgetedServiceTokens extends AbstractOidcClientRequestReactiveFilter {

    /**
     * The time a new token may take: the BFF's one budget for Keycloak's answers, {@code bff.oidc.read-timeout} (4 s,
     * within DESIGN 8's 5 s), like every other Keycloak call of the BFF.
     */
    private final Duration budget = ConfigProvider.getConfig().getValue("bff.oidc.read-timeout", Duration.class);
    /** A token is used while it has at least this long left (clock skew and the call's own time). */
    static final Duration MIN_LEFT = Duration.ofSeconds(10);

    private volatile Tokens last;

    @Override
    public Uni<Tokens> getTokens() {
        Tokens current = last;
        if (current != null && timeLeft(current).compareTo(MIN_LEFT) > 0) {
            // Renews (or returns the cached token) without making this request wait for Keycloak.
            super.getTokens().subscribe().with(renewed -> last = renewed, failure -> {
                // Keycloak is slow or down: the current token serves until MIN_LEFT, the next request tries again.
            });
            return Uni.createFrom().item(current);
        }
        return super.getTokens().invoke(renewed -> last = renewed).ifNoItem().after(budget)
                .failWith(() -> new ProcessingException("no service token from Keycloak within " + budget.toMillis() + " ms"));
    }

    private static Duration timeLeft(Tokens tokens) {
        Long expiresAt = tokens.getAccessTokenExpiresAt();
        return expiresAt == null ? Duration.ZERO : Duration.between(Instant.now(), Instant.ofEpochSecond(expiresAt));
    }
}
