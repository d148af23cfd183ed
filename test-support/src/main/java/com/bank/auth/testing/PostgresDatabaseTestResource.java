package com.bank.auth.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A throw-away PostgreSQL database per test run on the machine's real server, dropped afterwards:
 * CI and other modules share that server, so no test touches a database it did not create.
 * Server coordinates come from BANK_PG_HOST, BANK_PG_PORT, BANK_PG_USER, BANK_PG_PASSWORD (as for ./suite).
 */
public class PostgresDatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    private final String host = env("BANK_PG_HOST", "127.0.0.1");
    private final String port = env("BANK_PG_PORT", "5432");
    private final String user = env("BANK_PG_USER", "postgres");
    private final String password = env("BANK_PG_PASSWORD", "");
    private String database;

    @Override
    public Map<String, String> start() {
        database = "bank_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + database);
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl(database),
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused '" + sql
                    + "' (set BANK_PG_HOST/BANK_PG_PORT/BANK_PG_USER/BANK_PG_PASSWORD)", e);
        }
    }

    private String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
