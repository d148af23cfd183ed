package com.bank.auth.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * mfa-service's check of users' own access tokens ({@code mfa.user-tokens.*}) against {@link LocalIssuer}, so tests can
 * sign in any throw-away subject ({@link TestTokens#userSignedInAt}) while service tokens still come from Keycloak.
 */
public class LocalUserTokensTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("mfa.user-tokens.jwks-url", LocalIssuer.get().realmJwksUrl(), "mfa.user-tokens.issuer", LocalIssuer.REALM_ISSUER);
    }

    @Override
    public void stop() {
        // The issuer lives for the JVM.
    }
}
