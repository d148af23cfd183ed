package com.bank.auth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The chain {@code ./suite up} started: where each part listens, its process, its settings and its jar. */
record RunningSuite(Path root, Path state) {

    static final String BFF = "auth-bff";
    static final String PAYMENTS = "payments-service";
    static final String SESSIONS = "session-service";
    static final String MFA = "mfa-service";
    static final String KEYCLOAK = "keycloak";

    private static final Map<String, String> PORT_VARIABLES = Map.of(BFF, "BANK_BFF_PORT", PAYMENTS, "BANK_PAYMENTS_PORT",
            SESSIONS, "BANK_SESSION_PORT", MFA, "BANK_MFA_PORT");
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of(BFF, 8080, PAYMENTS, 8081, SESSIONS, 8082, MFA, 8083);

    String url(String service) {
        String port = System.getenv(PORT_VARIABLES.get(service));
        return "http://localhost:" + (port == null || port.isBlank() ? DEFAULT_PORTS.get(service) : port);
    }

    /** The process (group leader) ./suite recorded for a component. */
    long pid(String component) {
        try {
            return Long.parseLong(Files.readString(state.resolve("pids/" + component + ".pid")).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException(component + " is not running under ./suite (no pid in " + state + "/pids): run ./suite up", e);
        }
    }

    /** The environment ./suite started a service with (ports, keys, URLs): a second instance gets the same. */
    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(state.resolve("pids/" + service + ".env"))) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no settings recorded for " + service + ": run ./suite up", e);
        }
        return env;
    }

    Path jar(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
