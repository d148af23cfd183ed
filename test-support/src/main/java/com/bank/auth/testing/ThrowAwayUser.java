package com.bank.auth.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestUser} for a whole test class, made before its first test and removed after its last:
 * {@code @RegisterExtension static final ThrowAwayUser USER = new ThrowAwayUser();}
 */
public final class ThrowAwayUser implements BeforeAllCallback, AfterAllCallback {

    private TestUser user;

    @Override
    public void beforeAll(ExtensionContext context) {
        user = TestUser.create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (user != null) {
            user.close();
        }
    }

    public TestUser get() {
        if (user == null) {
            throw new IllegalStateException("register ThrowAwayUser as a static @RegisterExtension field");
        }
        return user;
    }
}
