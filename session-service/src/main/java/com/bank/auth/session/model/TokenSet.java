package com.bank.auth.session.model;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The OIDC tokens of one session. Stored only encrypted; returned only to the BFF. */
public record TokenSet(
        @NotBlank @Size(max = 16384) String accessToken,
        @Size(max = 16384) String refreshToken,
        @Size(max = 16384) String idToken,
        @NotNull Instant accessTokenExpiresAt,
        /** When Keycloak refuses the refresh token; null for sessions stored before it was kept. */
        Instant refreshTokenExpiresAt) {

    @Override
    public String toString() {
        // Never print token values, whatever logs a record.
        return "TokenSet[accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
    }
}
