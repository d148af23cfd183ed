package com.bank.auth.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points a service's token validation at {@link LocalIssuer} instead of Keycloak and mfa-service. */
public class LocalIssuerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(new LocalStepUpIssuerTestResource().start());
        config.put("mp.jwt.verify.publickey.location", LocalIssuer.get().realmJwksUrl());
        config.put("mp.jwt.verify.issuer", LocalIssuer.REALM_ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // The server lives for the JVM: several Quarkus restarts in one run share it and its counters.
    }
}
