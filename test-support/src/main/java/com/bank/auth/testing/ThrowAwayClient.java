package com.bank.auth.testing;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A client of realm {@code bank} made through Keycloak's admin API for one test: confidential, client credentials
 * only, and allowed the same optional scopes as bank-bff. Its tokens have every audience and scope a bank-bff service
 * token has, and another {@code azp}: what a caller allow-list must refuse. Deleted on close.
 */
public record ThrowAwayClient(Keycloak keycloak, String clientId, String secret, String id) implements AutoCloseable {

    public static ThrowAwayClient create(Keycloak keycloak) {
        String clientId = "throwaway-" + UUID.randomUUID();
        String secret = UUID.randomUUID().toString();
        String clients = keycloak.url() + "/admin/realms/bank/clients";
        HttpResponse<String> created = TestUser.send(keycloak.adminToken(), "POST", clients, Map.of(
                "clientId", clientId, "secret", secret, "publicClient", false, "serviceAccountsEnabled", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", false,
                "attributes", Map.of("access.token.header.type.rfc9068", "true"),
                "defaultClientScopes", List.of("basic", "acr"),
                "optionalClientScopes", List.of("payments", "sessions", "mfa")));
        String location = created.headers().firstValue("Location").orElseThrow();
        return new ThrowAwayClient(keycloak, clientId, secret, location.substring(location.lastIndexOf('/') + 1));
    }

    /** A client-credentials token of this client with {@code scope}. */
    public String token(String scope) {
        return keycloak.clientCredentials(clientId, secret, scope);
    }

    @Override
    public void close() {
        TestUser.send(keycloak.adminToken(), "DELETE", keycloak.url() + "/admin/realms/bank/clients/" + id, null);
    }
}
