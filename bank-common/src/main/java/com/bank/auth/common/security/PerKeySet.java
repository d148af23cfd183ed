package com.bank.auth.common.security;

import java.util.function.Function;

/**
 * A verifier made for one of the issuer's key sets ({@link IssuerKeys.KeySet}), made again only when the published
 * JWKS changes. smallrye-jwt builds its key resolver once per parser, so a parser made from the JWKS text verifies with
 * exactly that set and never fetches anything itself.
 */
public final class PerKeySet<T> {

    private record Made<T>(IssuerKeys.KeySet keys, T verifier) {
    }

    private final Function<String, T> make;
    private volatile Made<T> made;

    /** {@code make}: a verifier for a JWKS document. */
    public PerKeySet(Function<String, T> make) {
        this.make = make;
    }

    public T forKeys(IssuerKeys.KeySet keys) {
        Made<T> current = made;
        if (current != null && current.keys() == keys) {
            return current.verifier();
        }
        T verifier = current != null && current.keys().jwks().equals(keys.jwks()) ? current.verifier() : make.apply(keys.jwks());
        made = new Made<>(keys, verifier);
        return verifier;
    }
}
