package com.bank.auth.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points a service's token validation at {@link LocalIssuer} instead of Keycloak and mfa-service. */
public class LocalIssuerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalIssuer issuer = LocalIssuer.get();
        return Map.of(
                "mp.jwt.verify.publickey.location", issuer.realmJwksUrl(),
                "mp.jwt.verify.issuer", LocalIssuer.REALM_ISSUER,
                "bank.step-up.jwks-url", issuer.mfaJwksUrl(),
                "bank.step-up.issuer", LocalIssuer.MFA_ISSUER);
    }

    @Override
    public void stop() {
        // The server lives for the JVM: several Quarkus restarts in one run share it and its counters.
    }
}
