package com.bank.auth.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The prod configuration profile, for tests proving that nothing of the local demo (demo accounts, SMS outbox) is
 * there in production. A service that needs production's injected settings overrides {@link #getConfigOverrides()}.
 */
public class ProdProfile implements QuarkusTestProfile {

    @Override
    public String getConfigProfile() {
        return "prod";
    }
}
