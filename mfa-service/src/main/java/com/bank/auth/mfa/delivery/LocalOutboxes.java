package com.bank.auth.mfa.delivery;

import java.util.List;
import java.util.Set;

/**
 * Where a demo outbox (SMS, letters) may exist: it hands codes to whoever holds the session, so only when every
 * active profile is dev, test or local. With {@code prod}, {@code prod,k8s} or {@code staging} the service refuses to
 * start with one.
 */
public final class LocalOutboxes {

    public static final Set<String> LOCAL_PROFILES = Set.of("dev", "test", "local");

    private LocalOutboxes() {
    }

    public static boolean allowed(List<String> profiles) {
        return !profiles.isEmpty() && LOCAL_PROFILES.containsAll(profiles);
    }

    /** Refuses an outbox named {@code setting} unless {@link #allowed}. */
    public static void require(String setting, List<String> profiles) {
        if (!allowed(profiles)) {
            throw new IllegalStateException(setting + "=outbox is for local runs and tests only (profiles " + LOCAL_PROFILES
                    + "); active profiles: " + profiles);
        }
    }
}
