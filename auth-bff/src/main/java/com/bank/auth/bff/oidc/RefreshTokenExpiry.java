package com.bank.auth.bff.oidc;

import java.time.Instant;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;

/**
 * When Keycloak will refuse the refresh token it just issued: its {@code refresh_expires_in} (seconds; 0 for an
 * offline token that only the absolute lifetime ends). Keycloak's refresh token lives SSO-idle after the last
 * <em>refresh</em>, while the BFF's idle timer slides on every request, so the BFF must know this instant to refresh
 * in time (issue 23, item 2). Null when the answer does not say.
 */
public final class RefreshTokenExpiry {

    private RefreshTokenExpiry() {
    }

    public static Instant of(AccessTokenResponse response, Instant now) {
        Object seconds = response.getCustomParameters().get("refresh_expires_in");
        if (!(seconds instanceof Number number) || number.longValue() <= 0) {
            return null;
        }
        return now.plusSeconds(number.longValue());
    }
}
