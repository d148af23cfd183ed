package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.ThrowAwayUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The realm import does what DESIGN 6 promises, checked on tokens the real Keycloak issues. */
class RealmIT {

    @RegisterExtension
    static final ThrowAwayUser USER = new ThrowAwayUser();

    private final Keycloak keycloak = Keycloak.local();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void reportingTokenIsAnRfc9068Ps256TokenForPaymentsLiving120Seconds() throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", Keycloak.REPORTING_CLIENT);
        form.put("client_secret", Keycloak.REPORTING_SECRET);
        form.put("scope", "payments:read");
        Keycloak.TokenResponse response = keycloak.token(form);
        assertEquals(200, response.status());
        // expires_in is counted from the moment of the response (119 or 120); exp - iat below is the lifetime.
        assertTrue(response.body().get("expires_in").asInt() > 110);
        assertFalse(response.body().has("refresh_token"), "client credentials never come with a refresh token");

        String[] parts = response.body().get("access_token").asText().split("\\.");
        // Reading (not verifying) the header and claims: what Keycloak chose is the subject of this test.
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        assertEquals("PS256", header.get("alg").asText());
        assertEquals("at+jwt", header.get("typ").asText());
        assertTrue(claims.get("aud").toString().contains("payments-api"), claims.get("aud").toString());
        assertEquals(120, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertEquals(keycloak.issuer(), claims.get("iss").asText());
        assertTrue(claims.get("scope").asText().contains("payments:read"));
    }

    /**
     * A throw-away user's right password, so that a client with the password grant on would get tokens (a locked-out
     * demo user would hide that); every client that can authenticate must refuse the grant itself (400
     * unauthorized_client). The audience-only clients have no secret anyone holds: they cannot even authenticate (401).
     */
    @ParameterizedTest
    @ValueSource(strings = { "bank-bff", "payments-reporting", "bank-backoffice", "bank-realm-reconciler", "admin-cli", "account", "account-console",
            "security-admin-console", "payments-api", "session-service", "mfa-service" })
    void passwordGrantIsRefusedForEveryClient(String clientId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        if (clientId.equals(Keycloak.BFF_CLIENT)) {
            form.put("client_secret", Keycloak.BFF_SECRET);
        } else if (clientId.equals(Keycloak.REPORTING_CLIENT)) {
            form.put("client_secret", Keycloak.REPORTING_SECRET);
        } else if (clientId.equals("bank-backoffice")) {
            form.put("client_secret", "bank-backoffice-local-demo-secret");
        } else if (clientId.equals(Keycloak.RECONCILER_CLIENT)) {
            form.put("client_secret", Keycloak.RECONCILER_SECRET);
        }
        form.put("username", USER.get().username());
        form.put("password", USER.get().password());
        Keycloak.TokenResponse response = keycloak.token(form);
        assertFalse(response.body().has("access_token"), response.body().toString());
        assertEquals("unauthorized_client", response.body().path("error").asText(), response.body().toString());
        boolean audienceOnly = List.of("payments-api", "session-service", "mfa-service").contains(clientId);
        assertEquals(audienceOnly ? 401 : 400, response.status(), response.body().toString());
    }

    private JsonNode decode(String part) throws Exception {
        return json.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
