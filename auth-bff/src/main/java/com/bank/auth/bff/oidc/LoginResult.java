package com.bank.auth.bff.oidc;

import java.time.Instant;
import java.util.List;

/** A finished login: who, how, under which Keycloak session, and the tokens (never leave the BFF). */
public record LoginResult(String sub, String sid, String acr, List<String> amr, Instant authTime, String name, String email,
        String accessToken, Instant accessTokenExpiresAt, String refreshToken, Instant refreshTokenExpiresAt, String idToken,
        String returnTo) {

    @Override
    public String toString() {
        return "LoginResult[sub=" + sub + "]";
    }
}
