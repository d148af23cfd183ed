package com.bank.auth.common.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * Rules smallrye-jwt has no setting for, checked after it verified signature, issuer, audience and times:
 * the JOSE header {@code typ} must be {@code at+jwt} (RFC 9068, so an ID token or a step-up token is never taken
 * as an access token) and {@code sub} must be present. Runs before the scope augmentor, so a token failing here
 * never gets permissions.
 */
@ApplicationScoped
public class AccessTokenRulesAugmentor implements SecurityIdentityAugmentor {

    private final String requiredType;
    private final CachingJwtParser parser;

    AccessTokenRulesAugmentor(@ConfigProperty(name = "bank.security.access-token-type", defaultValue = "at+jwt") String requiredType,
            CachingJwtParser parser) {
        this.requiredType = requiredType;
        this.parser = parser;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        if (!requiredType.equalsIgnoreCase(parser.headerType(token.getRawToken()))) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token type is not " + requiredType));
        }
        if (token.getSubject() == null || token.getSubject().isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token has no sub"));
        }
        return Uni.createFrom().item(identity);
    }
}
