package com.bank.auth.bff.oidc;

import java.io.IOException;
import java.net.URL;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.bff.config.BffConfig;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;

/**
 * Keycloak as the Nimbus OAuth 2.0/OIDC SDK sees it: discovery metadata (fetched once, on first use), the BFF's
 * client authentication, and validators for ID tokens and logout tokens that take keys only from the realm's JWKS.
 */
@ApplicationScoped
public class OidcProvider {

    private final BffConfig.Oidc config;
    private volatile Resolved resolved;

    record Resolved(OIDCProviderMetadata metadata, IDTokenValidator idTokens, LogoutTokenValidator logoutTokens) {
    }

    OidcProvider(BffConfig config) {
        this.config = config.oidc();
    }

    public OIDCProviderMetadata metadata() {
        return resolve().metadata();
    }

    public IDTokenValidator idTokens() {
        return resolve().idTokens();
    }

    public LogoutTokenValidator logoutTokens() {
        return resolve().logoutTokens();
    }

    public ClientID clientId() {
        return new ClientID(config.clientId());
    }

    public ClientSecretBasic clientAuthentication() {
        return new ClientSecretBasic(clientId(), new Secret(config.clientSecret()));
    }

    public Issuer issuer() {
        return new Issuer(config.issuer());
    }

    private Resolved resolve() {
        Resolved current = resolved;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (resolved == null) {
                try {
                    OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(issuer());
                    URL jwks = metadata.getJWKSetURI().toURL();
                    // Keycloak signs with PS256 (realm default); no other algorithm is accepted.
                    resolved = new Resolved(metadata,
                            new IDTokenValidator(issuer(), clientId(), JWSAlgorithm.PS256, jwks),
                            new LogoutTokenValidator(issuer(), clientId(), JWSAlgorithm.PS256, jwks));
                } catch (GeneralException | IOException e) {
                    throw new OidcUnavailableException("Keycloak discovery failed", e);
                }
            }
            return resolved;
        }
    }

}
