package com.bank.auth.bff.rest;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.bank.auth.bff.client.UserSessionsClient;
import com.bank.auth.bff.oidc.OidcProvider;
import com.bank.auth.bff.session.BffSessions;
import com.bank.auth.bff.web.CsrfExempt;
import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.problem.Problem;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;

/**
 * Keycloak's back-channel logout (OIDC Back-Channel Logout 1.0): the logout token is validated by Nimbus (signature
 * from the realm's JWKS, iss, aud, iat, the back-channel event, sid or sub, no nonce) and its jti may be used once
 * (on every replica: the memory lives in session-service's Redis);
 * then every BFF session of that Keycloak session ends in session-service, so every replica sees it at once.
 */
// No credentials: anyone may call it (documented as such in OpenAPI: security []).
@SecurityRequirementsSet({})
@CsrfExempt
@Path("/bff/backchannel-logout")
public class BackchannelLogoutResource {

    private final OidcProvider provider;
    private final UserSessionsClient sessions;

    BackchannelLogoutResource(OidcProvider provider, @RestClient UserSessionsClient sessions) {
        this.provider = provider;
        this.sessions = sessions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@FormParam("logout_token") String logoutToken) {
        LogoutTokenClaimsSet claims;
        try {
            if (logoutToken == null || logoutToken.length() > 16384) {
                return badToken();
            }
            claims = provider.logoutTokens().validate(JWTParser.parse(logoutToken));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            Audit.event(AuditEvent.BACK_CHANNEL_LOGOUT, Outcome.FAILURE, null, Map.of("reason", e.getClass().getSimpleName()));
            return badToken();
        }
        if (claims.getJWTID() == null || !firstUse(claims)) {
            Audit.event(AuditEvent.BACK_CHANNEL_LOGOUT, Outcome.FAILURE, subjectOf(claims), Map.of("reason", "jti missing or replayed"));
            return badToken();
        }
        int ended = BffSessions.call(() -> claims.getSessionID() != null
                ? sessions.endIdpSession(claims.getSessionID().getValue())
                : sessions.endAllFor(claims.getSubject().getValue(), "idp-logout")).endedHandles().size();
        Audit.event(AuditEvent.BACK_CHANNEL_LOGOUT, Outcome.SUCCESS, subjectOf(claims), Map.of("ended", ended));
        return Response.ok().header("Cache-Control", "no-store").build();
    }

    /** The jti's first use on any replica: the memory lives in session-service's Redis, as long as the token could verify. */
    private boolean firstUse(LogoutTokenClaimsSet claims) {
        Instant expiresAt = claims.getExpirationTime() != null ? claims.getExpirationTime().toInstant()
                : claims.getIssueTime().toInstant().plus(Duration.ofMinutes(10));
        try {
            BffSessions.call(() -> {
                sessions.rememberLogoutToken(Map.of("jti", claims.getJWTID().getValue(), "expiresAt", expiresAt.toString()));
                return null;
            });
            return true;
        } catch (jakarta.ws.rs.WebApplicationException e) {
            if (e.getResponse().getStatus() == 409) {
                return false;
            }
            throw e;
        }
    }

    private static Response badToken() {
        return Problem.of("invalid-logout-token", "Invalid logout token", 400, "The logout token is not valid.").toResponse();
    }

    /** A logout token names a sid, a sub, or both (OIDC Back-Channel Logout 1.0, 2.4). */
    private static String subjectOf(LogoutTokenClaimsSet claims) {
        return claims.getSubject() == null ? null : claims.getSubject().getValue();
    }
}
