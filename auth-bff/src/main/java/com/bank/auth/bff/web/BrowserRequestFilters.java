package com.bank.auth.bff.web;

import java.util.Set;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.bff.session.CurrentSession;
import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.problem.Problem;

/**
 * CSRF checks on every unsafe method (origin, fetch metadata, double-submit token bound to the session). The
 * security headers of every response, static files included, are {@link SecurityHeaders}'.
 */
public class BrowserRequestFilters {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final BffConfig config;
    private final CookieKeys keys;
    private final CurrentSession current;

    BrowserRequestFilters(BffConfig config, CookieKeys keys, CurrentSession current) {
        this.config = config;
        this.keys = keys;
        this.current = current;
    }

    // Not pre-matching: it then runs on the endpoint's worker thread, where the session lookup may block.
    // Every unsafe method of every resource, whatever its path looks like; the one exemption is chosen by resource,
    // not by path: Keycloak's back-channel logout, a server-to-server POST authenticated by its signed logout token.
    @ServerRequestFilter
    public Response csrf(ContainerRequestContext request, ResourceInfo resource) {
        if (SAFE.contains(request.getMethod()) || resource.getResourceClass().isAnnotationPresent(CsrfExempt.class)) {
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

    private static Response forbidden(String detail) {
        // Audited without the session lookup: a forged request must not cost a session-service call.
        Audit.event(AuditEvent.CSRF_REFUSED, Outcome.FAILURE, null, Map.of("reason", detail));
        return Problem.of("csrf-rejected", "Request refused", 403, detail).toResponse();
    }
}
