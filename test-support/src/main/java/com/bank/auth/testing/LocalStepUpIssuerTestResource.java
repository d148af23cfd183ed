package com.bank.auth.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Real Keycloak for access tokens, {@link LocalIssuer} standing in for mfa-service's step-up tokens. */
public class LocalStepUpIssuerTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalIssuer issuer = LocalIssuer.get();
        return Map.of("bank.step-up.jwks-url", issuer.mfaJwksUrl(), "bank.step-up.issuer", LocalIssuer.MFA_ISSUER);
    }

    @Override
    public void stop() {
        // See LocalIssuerTestResource: the server lives for the JVM.
    }
}
