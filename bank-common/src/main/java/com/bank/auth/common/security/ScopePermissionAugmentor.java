package com.bank.auth.common.security;

import java.util.Arrays;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns the OAuth2 {@code scope} claim into permissions, so resources say {@code @PermissionsAllowed("sessions")}, and
 * keeps realm roles only where they belong ({@link CallerPolicyConfig}).
 * When {@code bank.security.allowed-callers} is set, only tokens whose {@code azp} (the calling client) is on that
 * list get their scopes: a token of any other client is authenticated but may do nothing (403). Realm roles stay only
 * on user tokens of {@code bank.security.user-callers}: a service-account token of the BFF, or a user token another
 * client obtained, opens no {@code @RolesAllowed} endpoint (403).
 */
@ApplicationScoped
public class ScopePermissionAugmentor implements SecurityIdentityAugmentor {

    private final CallerPolicyConfig config;

    ScopePermissionAugmentor(CallerPolicyConfig config) {
        this.config = config;
    }

    /** After {@link AccessTokenRulesAugmentor}: only tokens that passed every rule get permissions. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = isUserOfAllowedClient(token)
                ? QuarkusSecurityIdentity.builder(identity)
                : withoutRoles(identity);
        if (isAllowedCaller(token)) {
            scopes(token).forEach(scope -> builder.addPermission(permission(scope)));
        }
        return Uni.createFrom().item(builder.build());
    }

    /** A user's token (Keycloak names the user session in {@code sid}) from a client trusted with users' roles. */
    private boolean isUserOfAllowedClient(JsonWebToken token) {
        return token.containsClaim("sid")
                && config.userCallers().map(allowed -> allowed.contains(token.<String>getClaim("azp"))).orElse(false);
    }

    /** The same authenticated caller, without the realm roles it carried (the builder cannot remove roles). */
    private static QuarkusSecurityIdentity.Builder withoutRoles(SecurityIdentity identity) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .setAnonymous(false);
    }

    private boolean isAllowedCaller(JsonWebToken token) {
        return config.allowedCallers()
                .map(allowed -> allowed.contains(token.<String>getClaim("azp")))
                .orElse(true);
    }

    /**
     * {@code @PermissionsAllowed("payments:read")} means permission {@code payments} with action {@code read},
     * so a scope with a colon becomes exactly that.
     */
    static StringPermission permission(String scope) {
        int colon = scope.indexOf(':');
        return colon < 0 ? new StringPermission(scope)
                : new StringPermission(scope.substring(0, colon), scope.substring(colon + 1));
    }

    static Set<String> scopes(JsonWebToken token) {
        Object scope = token.getClaim("scope");
        if (scope == null) {
            return Set.of();
        }
        String text = scope.toString().replace("\"", "");
        return Set.copyOf(Arrays.stream(text.split(" ")).filter(s -> !s.isBlank()).toList());
    }
}
