package com.bank.auth.bff.web;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.bff.session.CurrentSession;
import com.bank.auth.common.problem.Problem;

/**
 * What every browser request and response of the BFF goes through: CSRF checks on unsafe methods (origin, fetch
 * metadata, double-submit token bound to the session), and the security headers on every response.
 */
public class BrowserRequestFilters {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    /** Keycloak's server-to-server POST: authenticated by its signed logout token, not by a browser session. */
    private static final String BACKCHANNEL = "/bff/backchannel-logout";

    private final BffConfig config;
    private final CookieKeys keys;
    private final CurrentSession current;
    /** Built once: Keycloak's origin is the only other place a form may post to (its login page). */
    private final String contentSecurityPolicy;

    BrowserRequestFilters(BffConfig config, CookieKeys keys, CurrentSession current) {
        this.config = config;
        this.keys = keys;
        this.current = current;
        String keycloak = config.oidc().issuer().replaceAll("^(https?://[^/]+).*$", "$1");
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' " + keycloak;
    }

    // Not pre-matching: it then runs on the endpoint's worker thread, where the session lookup may block.
    @ServerRequestFilter
    public Response csrf(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        boolean browserApi = path.startsWith("/bff/") || path.startsWith("/api/");
        if (!browserApi || SAFE.contains(request.getMethod()) || path.equals(BACKCHANNEL)) {
            return null;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !origin.equals(config.origin())) {
            return forbidden("The request comes from another origin.");
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return forbidden("The request comes from another site.");
        }
        var cookie = request.getCookies().get(BffCookies.CSRF);
        String header = request.getHeaderString("X-CSRF-Token");
        if (cookie == null || header == null || !header.equals(cookie.getValue())) {
            return forbidden("The X-CSRF-Token header must match the CSRF cookie.");
        }
        // Valid for this session only: a token from another session (or an old one) does not pass.
        var session = current.get();
        if (session.isPresent() && !keys.csrfTokenMatches(session.get().handle(), header)) {
            return forbidden("The CSRF token does not belong to this session.");
        }
        return null;
    }

    @ServerResponseFilter
    public void securityHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        var headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", contentSecurityPolicy);
        headers.putSingle("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("Cross-Origin-Opener-Policy", "same-origin");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.remove("Server");
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (path.startsWith("/bff/") || path.startsWith("/api/")) {
            headers.putSingle("Cache-Control", "no-store");
        }
    }

    private static Response forbidden(String detail) {
        return Problem.of("csrf-rejected", "Request refused", 403, detail).toResponse();
    }
}
