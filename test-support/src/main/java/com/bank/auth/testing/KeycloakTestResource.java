package com.bank.auth.testing;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real Keycloak with realm {@code bank}: reuses one already answering at {@code keycloak.url}
 * (default {@code http://localhost:8180}, for example the one {@code ./suite up} or {@code ./suite test} started),
 * otherwise starts it once per test JVM through {@code ./suite keycloak up} and stops it when the JVM exits.
 * No Docker and no fake: this machine has no container engine, and the contract is Keycloak's real behaviour.
 */
public class KeycloakTestResource implements QuarkusTestResourceLifecycleManager {

    private static final AtomicBoolean STARTED_BY_US = new AtomicBoolean();

    @Override
    public Map<String, String> start() {
        Keycloak keycloak = Keycloak.local();
        if (!keycloak.isReady() && STARTED_BY_US.compareAndSet(false, true)) {
            SuiteScript.run("keycloak", "up");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> SuiteScript.run("keycloak", "down")));
        }
        if (!keycloak.isReady()) {
            throw new IllegalStateException("Keycloak realm 'bank' does not answer at " + keycloak.url());
        }
        return Map.of("bank.keycloak.url", keycloak.url());
    }

    @Override
    public void stop() {
        // Deliberately empty: Keycloak takes ~30 s to start, so it lives for the whole test JVM (see start()).
    }
}
