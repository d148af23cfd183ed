package com.bank.auth.common.security;

import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;

/**
 * Which calling clients a service trusts, and with what (DESIGN 2: receivers check {@code aud}, {@code scope} and the
 * calling client, {@code azp}). An endpoint guarded by a scope ({@code @PermissionsAllowed}) serves only
 * {@link #allowedCallers()}; one guarded by a realm role ({@code @RolesAllowed}) serves only {@link #userCallers()}'
 * user tokens. So each kind of endpoint has its own allow-list without an annotation of its own.
 */
@ConfigMapping(prefix = "bank.security")
public interface CallerPolicyConfig {

    /**
     * Client ids ({@code azp} claim) whose token scopes are honoured. Unset: every client validated by the
     * JWT settings (issuer, audience, algorithm) is taken at its scopes. Session and mfa service set {@code bank-bff},
     * payments-service {@code payments-reporting} (reports).
     */
    Optional<Set<String>> allowedCallers();

    /**
     * Client ids whose <em>user</em> tokens (issued in a user's Keycloak session: claim {@code sid}) keep their realm
     * roles ({@code USER}, {@code ADMIN}). A token of any other client, and every service-account token (client
     * credentials: no {@code sid}), has no roles here, whatever a realm admin assigned it. Unset: no token keeps its
     * roles, so a service honours roles only when it says whose; payments-service sets {@code bank-bff}.
     */
    Optional<Set<String>> userCallers();
}
