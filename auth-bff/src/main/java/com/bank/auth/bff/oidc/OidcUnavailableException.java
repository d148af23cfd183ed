package com.bank.auth.bff.oidc;

/** Keycloak could not be reached or answered nonsense: 503, never a half-made session. */
public class OidcUnavailableException extends RuntimeException {

    public OidcUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
