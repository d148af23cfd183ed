package com.bank.auth.testing;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.iban4j.CountryCode;
import org.iban4j.Iban;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A throw-away user of realm {@code bank}, made through Keycloak's admin API for one test, with an account of its
 * own in the running suite's database: tests never depend on or change the demo users (a newcomer who enrolled a
 * factor as bob still gets a green run). {@link #close()} removes the user and everything the services keep for it.
 */
public record TestUser(Keycloak keycloak, String username, String password, String sub, String iban) implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user with role USER (and ADMIN if asked) and a 1,000,000.00 EUR account. */
    public static TestUser create(Keycloak keycloak, boolean admin) {
        String username = "test-" + UUID.randomUUID().toString().substring(0, 13);
        String password = "Test-" + UUID.randomUUID() + "-9a!";
        String token = keycloak.adminToken();
        String users = keycloak.url() + "/admin/realms/bank/users";
        Map<String, Object> user = Map.of("username", username, "enabled", true, "email", username + "@test.bank.example",
                "emailVerified", true, "firstName", "Test", "lastName", username,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = send(token, "POST", users, user);
        String location = created.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "Keycloak did not create the test user: " + created.statusCode() + " " + created.body()));
        String sub = location.substring(location.lastIndexOf('/') + 1);
        for (String role : admin ? List.of("USER", "ADMIN") : List.of("USER")) {
            JsonNode representation = read(send(token, "GET", keycloak.url() + "/admin/realms/bank/roles/" + role, null));
            send(token, "POST", users + "/" + sub + "/role-mappings/realm", List.of(representation));
        }
        String iban = Iban.random(CountryCode.DE).toString();
        SuiteDatabase.execute("INSERT INTO payments.account (iban, owner_sub, name, currency, balance) VALUES (?, ?, ?, 'EUR', ?)",
                iban, sub, "Test account " + username, new BigDecimal("1000000.00"));
        return new TestUser(keycloak, username, password, sub, iban);
    }

    public static TestUser create() {
        return create(Keycloak.local(), false);
    }

    /** How many Keycloak (SSO) sessions the user has now. */
    public int keycloakSessions() {
        return read(send(keycloak.adminToken(), "GET", keycloak.url() + "/admin/realms/bank/users/" + sub + "/sessions", null)).size();
    }

    /** Ends the user's Keycloak sessions as an admin would; Keycloak then sends the BFF a back-channel logout. */
    public void logoutAtKeycloak() {
        send(keycloak.adminToken(), "POST", keycloak.url() + "/admin/realms/bank/users/" + sub + "/logout", null);
    }

    /** Has an activation letter sent to this user through the back-office client; its code, as printed. */
    public String activationCode(String mfaUrl) {
        return ActivationLetters.issue(keycloak, mfaUrl, sub);
    }

    /**
     * Trusts {@code iban} as a beneficiary straight in the suite's database, as a bank migrating its customers' existing
     * payees would: for load tests, whose subject is the hop, not SCA (DESIGN 5a: payments to it are then exempt).
     */
    public void trust(String name, String iban) {
        SuiteDatabase.execute("INSERT INTO payments.beneficiary (id, owner_sub, name, iban, created_at, idempotency_key, step_up_jti) "
                + "VALUES (?, ?, ?, ?, now(), ?, ?)", UUID.randomUUID(), sub, name, iban, "setup-" + UUID.randomUUID(), "setup-" + UUID.randomUUID());
    }

    @Override
    public void close() {
        send(keycloak.adminToken(), "DELETE", keycloak.url() + "/admin/realms/bank/users/" + sub, null);
        SuiteDatabase.execute("DELETE FROM payments.payment WHERE owner_sub = ?", sub);
        SuiteDatabase.execute("DELETE FROM payments.beneficiary WHERE owner_sub = ?", sub);
        SuiteDatabase.execute("DELETE FROM payments.account WHERE owner_sub = ?", sub);
        SuiteDatabase.execute("DELETE FROM mfa.factor WHERE sub = ?", sub);
        SuiteDatabase.execute("DELETE FROM mfa.security_event WHERE sub = ?", sub);
        SuiteDatabase.execute("DELETE FROM mfa.activation_code WHERE sub = ?", sub);
        SuiteDatabase.execute("DELETE FROM mfa.letter_outbox WHERE sub = ?", sub);
    }

    static HttpResponse<String> send(String token, String method, String url, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The running suite's database ({@code BANK_PG_*}, database {@code bank}), as ./suite configures it. */
    public static final class SuiteDatabase {

        private SuiteDatabase() {
        }

        public static void execute(String sql, Object... parameters) {
            String url = "jdbc:postgresql://" + env("BANK_PG_HOST", "127.0.0.1") + ":" + env("BANK_PG_PORT", "5432") + "/"
                    + env("BANK_PG_DATABASE", "bank");
            try (Connection connection = DriverManager.getConnection(url, env("BANK_PG_USER", "postgres"), env("BANK_PG_PASSWORD", ""));
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("suite database refused: " + sql, e);
            }
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
