package com.bank.auth.bff.rest;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;

import com.bank.auth.bff.client.SessionServiceClient.CreatedSession;
import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.bff.oidc.LoginFailedException;
import com.bank.auth.bff.oidc.LoginFlow;
import com.bank.auth.bff.oidc.LoginResult;
import com.bank.auth.bff.oidc.LoginState;
import com.bank.auth.bff.abuse.LoginLimits;
import com.bank.auth.bff.session.BffSessions;
import com.bank.auth.bff.session.SignInSca;
import com.bank.auth.bff.web.BffCookies;
import com.bank.auth.bff.web.CookieKeys;
import com.bank.auth.bff.web.ReturnTo;
import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.problem.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code /bff/login} and {@code /bff/callback}: the browser's round trip through Keycloak. */
// No credentials: anyone may call it (documented as such in OpenAPI: security []).
@SecurityRequirementsSet({})
@Path("/bff")
public class LoginResource {

    private final LoginFlow flow;
    private final BffSessions sessions;
    private final SignInSca signInSca;
    private final LoginLimits loginLimits;
    private final CookieKeys keys;
    private final ObjectMapper json;
    private final BffConfig config;

    LoginResource(LoginFlow flow, BffSessions sessions, CookieKeys keys, ObjectMapper json, BffConfig config, SignInSca signInSca,
            LoginLimits loginLimits) {
        this.signInSca = signInSca;
        this.loginLimits = loginLimits;
        this.flow = flow;
        this.sessions = sessions;
        this.keys = keys;
        this.json = json;
        this.config = config;
    }

    @GET
    @Path("/login")
    public Response login(@QueryParam("returnTo") String returnTo, @Context io.vertx.core.http.HttpServerRequest request) throws Exception {
        String target = ReturnTo.check(returnTo);
        // Before the PAR call each sign-in costs Keycloak (DESIGN 8); the address after the trusted-proxy rules.
        loginLimits.check(request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        LoginFlow.Started started = flow.start(target);
        String sealed = keys.seal(json.writeValueAsString(started.state()));
        return Response.status(302).location(started.redirect())
                .cookie(BffCookies.login(sealed, (int) config.oidc().loginTimeout().toSeconds())).build();
    }

    @GET
    @Path("/callback")
    public Response callback(@Context UriInfo uri, @CookieParam(BffCookies.LOGIN) String sealedState,
            @HeaderParam("User-Agent") String userAgent) {
        LoginResult login;
        try {
            URI callback = URI.create(config.origin() + "/bff/callback?" + (uri.getRequestUri().getRawQuery() == null ? "" : uri.getRequestUri().getRawQuery()));
            login = flow.finish(callback, state(sealedState));
        } catch (LoginFailedException | IllegalArgumentException e) {
            // IllegalArgumentException: a query that is no URI (Vert.x refuses most before they get here).
            Audit.event(AuditEvent.LOGIN_FAILED, Outcome.FAILURE, null,
                    Map.of("reason", e instanceof LoginFailedException ? e.getMessage() : "malformed callback"));
            // The login state is single-use: whatever happened, this attempt is over.
            return Problem.of("login-failed", "Sign-in failed", 400, "Sign-in could not be completed; please start again.")
                    .toResponseBuilder().cookie(BffCookies.clear(BffCookies.LOGIN)).build();
        }
        CreatedSession session = sessions.create(login, userAgent, signInSca.pendingAtSignIn(login.sub()));
        Audit.event(AuditEvent.LOGIN, Outcome.SUCCESS, login.sub(), Map.of("session", session.handle(), "acr", String.valueOf(login.acr())));
        return Response.status(302).location(URI.create(config.origin() + login.returnTo()))
                .cookie(BffCookies.session(session.sessionId()), BffCookies.csrf(keys.csrfToken(session.handle())),
                        BffCookies.clear(BffCookies.LOGIN))
                .build();
    }

    private LoginState state(String sealed) {
        if (sealed == null || sealed.isBlank()) {
            return null;
        }
        try {
            LoginState state = json.readValue(keys.open(sealed), LoginState.class);
            return state.expiresAt().isAfter(Instant.now()) ? state : null;
        } catch (Exception e) {
            return null;
        }
    }
}
