package com.bank.auth.bff.oidc;

import java.time.Instant;

/** What the BFF must remember between /bff/login and /bff/callback; travels encrypted in a short-lived cookie. */
public record LoginState(String state, String nonce, String codeVerifier, String returnTo, Instant expiresAt) {

    @Override
    public String toString() {
        return "LoginState[returnTo=" + returnTo + "]";
    }
}
