package com.bank.auth.bff.rest;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.context.ManagedExecutor;

import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.bff.oidc.OidcProvider;
import com.bank.auth.bff.session.BffSessions;
import com.bank.auth.bff.session.CurrentSession;
import com.bank.auth.bff.web.BffCookies;
import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.util.URLUtils;

/**
 * Logout (DESIGN 3): the session ends first (tombstone), so it is dead whatever Keycloak does; then the Keycloak
 * session is ended from the back channel (Keycloak's logout endpoint, called by the confidential client with the
 * session's refresh token), best-effort within {@code bff.oidc.read-timeout}, after the answer: a hung Keycloak never
 * delays a logout. Cookies and site data are cleared. The
 * SPA never receives an ID token: its {@code logoutUrl} is the app's own landing page.
 * <p>
 * If Keycloak cannot be reached, the failure is an audit event and the Keycloak session is left to its own idle
 * timeout (5 minutes in realm {@code bank}); the refresh token it could still mint tokens with is gone with our
 * session, since only session-service ever held it. Works, and clears, even if the session already ended.
 */
@Path("/bff/logout")
@Produces(MediaType.APPLICATION_JSON)
public class LogoutResource {

    private final CurrentSession current;
    private final BffSessions sessions;
    private final OidcProvider provider;
    private final BffConfig config;
    private final ManagedExecutor backChannel;

    LogoutResource(CurrentSession current, BffSessions sessions, OidcProvider provider, BffConfig config, ManagedExecutor backChannel) {
        this.backChannel = backChannel;
        this.current = current;
        this.sessions = sessions;
        this.provider = provider;
        this.config = config;
    }

    @POST
    public Response logout() {
        var session = current.get();
        if (session.isPresent()) {
            SessionView s = session.get();
            sessions.terminate(current.sessionId());
            current.ended();
            Audit.event(AuditEvent.LOGOUT, Outcome.SUCCESS, s.sub(), Map.of("session", s.handle()));
            // The user's answer does not wait for Keycloak: our session is already dead, Keycloak's ends within its budget.
            backChannel.execute(() -> endKeycloakSession(s));
        }
        return Response.ok(Map.of("logoutUrl", config.origin() + "/"))
                .cookie(BffCookies.clear(BffCookies.SESSION), BffCookies.clear(BffCookies.CSRF))
                .header("Clear-Site-Data", "\"cookies\", \"storage\"")
                .build();
    }

    /** Keycloak's logout endpoint with client authentication and the refresh token ends its SSO session (204). */
    private void endKeycloakSession(SessionView session) {
        String refreshToken = session.tokens() == null ? null : session.tokens().refreshToken();
        if (refreshToken == null) {
            return;
        }
        try {
            URI endSession = provider.backChannel(provider.metadata().getEndSessionEndpointURI());
            HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, endSession);
            request.setEntityContentType(com.nimbusds.common.contenttype.ContentType.APPLICATION_URLENCODED);
            request.setBody(URLUtils.serializeParameters(Map.of("refresh_token", java.util.List.of(refreshToken))));
            provider.clientAuthentication().applyTo(request);
            HTTPResponse response = provider.send("logout", request);
            if (!response.indicatesSuccess()) {
                Audit.event(AuditEvent.IDP_LOGOUT, Outcome.FAILURE, session.sub(), Map.of("session", session.handle(),
                        "reason", "keycloak answered " + response.getStatusCode() + "; left to its idle timeout"));
            }
        } catch (IOException | RuntimeException e) {
            Audit.event(AuditEvent.IDP_LOGOUT, Outcome.FAILURE, session.sub(), Map.of("session", session.handle(),
                    "reason", e.getClass().getSimpleName() + "; left to Keycloak's idle timeout"));
        }
    }
}
