package com.bank.auth.bff.rest;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.bff.oidc.OidcProvider;
import com.bank.auth.bff.session.BffSessions;
import com.bank.auth.bff.session.CurrentSession;
import com.bank.auth.bff.web.BffCookies;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.LogoutRequest;

/**
 * Logout: revoke the refresh token at Keycloak (RFC 7009), end the session (tombstone), clear both cookies and site
 * data, and give the SPA Keycloak's end-session URL to visit. Works, and clears, even if the session already ended.
 */
@Path("/bff/logout")
@Produces(MediaType.APPLICATION_JSON)
public class LogoutResource {

    private static final Logger AUDIT = Logger.getLogger("audit");

    private final CurrentSession current;
    private final BffSessions sessions;
    private final OidcProvider provider;
    private final BffConfig config;

    LogoutResource(CurrentSession current, BffSessions sessions, OidcProvider provider, BffConfig config) {
        this.current = current;
        this.sessions = sessions;
        this.provider = provider;
        this.config = config;
    }

    @POST
    public Response logout() throws Exception {
        URI endSession = provider.metadata().getEndSessionEndpointURI();
        URI postLogout = URI.create(config.origin() + "/");
        String logoutUrl = new LogoutRequest(endSession, null, postLogout, null).toURI().toString();
        var session = current.get();
        if (session.isPresent()) {
            SessionView s = session.get();
            revoke(s.tokens().refreshToken());
            sessions.terminate(current.sessionId());
            logoutUrl = new LogoutRequest(endSession, JWTParser.parse(s.tokens().idToken()), postLogout, null).toURI().toString();
            AUDIT.infof("logout sub=%s session=%s", s.sub(), s.handle());
        }
        return Response.ok(Map.of("logoutUrl", logoutUrl))
                .cookie(BffCookies.clear(BffCookies.SESSION), BffCookies.clear(BffCookies.CSRF))
                .header("Clear-Site-Data", "\"cookies\", \"storage\"")
                .build();
    }

    private void revoke(String refreshToken) {
        if (refreshToken == null) {
            return;
        }
        try {
            var response = new TokenRevocationRequest(provider.metadata().getRevocationEndpointURI(), provider.clientAuthentication(),
                    new RefreshToken(refreshToken)).toHTTPRequest().send();
            if (!response.indicatesSuccess()) {
                AUDIT.warnf("refresh token revocation refused: HTTP %d", response.getStatusCode());
            }
        } catch (IOException e) {
            // The session still ends here; Keycloak's session ends at its end-session endpoint the SPA visits next.
            AUDIT.warnf("refresh token revocation failed: %s", e.getClass().getSimpleName());
        }
    }
}
