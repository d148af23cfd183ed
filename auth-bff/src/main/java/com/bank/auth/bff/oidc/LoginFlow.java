package com.bank.auth.bff.oidc;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.bff.config.BffConfig;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;

/**
 * The authorization code flow as DESIGN 3 has it, each protocol step done by the Nimbus SDK: a pushed authorization
 * request (RFC 9126) with PKCE S256, state and nonce; the browser goes to Keycloak with only {@code client_id} and
 * {@code request_uri}; the callback's {@code state} and {@code iss} (RFC 9207) are checked, the code is exchanged as a
 * confidential client, and the ID token validated (signature, iss, aud, azp, nonce, exp).
 */
@ApplicationScoped
public class LoginFlow {

    private final OidcProvider provider;
    private final BffConfig config;

    LoginFlow(OidcProvider provider, BffConfig config) {
        this.provider = provider;
        this.config = config;
    }

    public record Started(URI redirect, LoginState state) {
    }

    public URI redirectUri() {
        return URI.create(config.origin() + "/bff/callback");
    }

    public Started start(String returnTo) {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope(config.oidc().scopes().toArray(String[]::new)), provider.clientId(), redirectUri())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .endpointURI(provider.metadata().getAuthorizationEndpointURI()).build();
        try {
            PushedAuthorizationResponse response = PushedAuthorizationResponse.parse(provider.send("par", new PushedAuthorizationRequest(
                    provider.metadata().getPushedAuthorizationRequestEndpointURI(), provider.clientAuthentication(), request)
                    .toHTTPRequest()));
            if (!response.indicatesSuccess()) {
                throw new OidcUnavailableException("PAR refused: " + response.toErrorResponse().getErrorObject().getCode(), null);
            }
            URI redirect = new AuthorizationRequest.Builder(response.toSuccessResponse().getRequestURI(), provider.clientId())
                    .endpointURI(provider.metadata().getAuthorizationEndpointURI()).build().toURI();
            return new Started(redirect, new LoginState(state.getValue(), nonce.getValue(), verifier.getValue(), returnTo,
                    Instant.now().plus(config.oidc().loginTimeout())));
        } catch (IOException | ParseException e) {
            throw new OidcUnavailableException("PAR failed", e);
        }
    }

    /** @throws LoginFailedException for anything the browser or Keycloak sent that does not fit this login */
    public LoginResult finish(URI callback, LoginState login) {
        if (login == null || login.expiresAt().isBefore(Instant.now())) {
            throw new LoginFailedException("no login in progress in this browser, or it took too long");
        }
        AuthorizationResponse response;
        try {
            response = AuthorizationResponse.parse(callback);
        } catch (ParseException e) {
            throw new LoginFailedException("malformed callback");
        }
        if (response.getState() == null || !Objects.equals(response.getState().getValue(), login.state())) {
            throw new LoginFailedException("state does not match this browser's login");
        }
        if (response.getIssuer() == null || !provider.issuer().equals(response.getIssuer())) {
            throw new LoginFailedException("callback not from the expected issuer (RFC 9207)");
        }
        if (!response.indicatesSuccess()) {
            throw new LoginFailedException("Keycloak refused: " + response.toErrorResponse().getErrorObject().getCode());
        }
        OIDCTokenResponse tokens = exchange(response.toSuccessResponse().getAuthorizationCode(), new CodeVerifier(login.codeVerifier()));
        JWT idToken = tokens.getOIDCTokens().getIDToken();
        IDTokenClaimsSet claims;
        try {
            claims = provider.idTokens().validate(idToken, new Nonce(login.nonce()));
        } catch (BadJOSEException | JOSEException e) {
            throw new LoginFailedException("ID token rejected: " + e.getClass().getSimpleName());
        }
        if (claims.getAuthorizedParty() != null && !claims.getAuthorizedParty().getValue().equals(provider.clientId().getValue())) {
            throw new LoginFailedException("ID token was issued to another client (azp)");
        }
        var access = tokens.getOIDCTokens().getAccessToken();
        RefreshToken refresh = tokens.getOIDCTokens().getRefreshToken();
        return new LoginResult(claims.getSubject().getValue(), claims.getStringClaim("sid"),
                claims.getACR() == null ? null : claims.getACR().getValue(),
                claims.getAMR() == null ? List.of() : claims.getAMR().stream().map(a -> a.getValue()).toList(),
                claims.getAuthenticationTime() == null ? null : claims.getAuthenticationTime().toInstant(),
                claims.getStringClaim("name"), claims.getStringClaim("email"),
                access.getValue(), Instant.now().plusSeconds(access.getLifetime() > 0 ? access.getLifetime() : 60),
                refresh == null ? null : refresh.getValue(), RefreshTokenExpiry.of(tokens, Instant.now()), idToken.serialize(),
                login.returnTo());
    }

    private OIDCTokenResponse exchange(com.nimbusds.oauth2.sdk.AuthorizationCode code, CodeVerifier verifier) {
        try {
            TokenResponse response = OIDCTokenResponseParser.parse(provider.send("code-exchange", new TokenRequest(provider.metadata().getTokenEndpointURI(),
                    provider.clientAuthentication(), new AuthorizationCodeGrant(code, redirectUri(), verifier)).toHTTPRequest()));
            if (!response.indicatesSuccess()) {
                throw new LoginFailedException("code exchange refused: " + response.toErrorResponse().getErrorObject().getCode());
            }
            return (OIDCTokenResponse) response.toSuccessResponse();
        } catch (IOException e) {
            throw new OidcUnavailableException("token endpoint unreachable", e);
        } catch (ParseException e) {
            throw new LoginFailedException("token response unreadable");
        }
    }
}
