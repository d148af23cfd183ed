package com.bank.auth.bff.web;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.bff.config.BffConfig;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The security headers of everything the BFF serves: the API's answers, the SPA's document, its assets, errors. A
 * Vert.x route filter, so static files (which never pass a JAX-RS filter) get them too. Caching: {@code /bff/**} and
 * {@code /api/**} are {@code no-store}; the app's document ({@code /}, {@code /index.html}, deep links) is
 * {@code no-cache}, so a deploy reaches users at once; fingerprinted assets ({@code main-3F2A1B9C.js}) are immutable.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Angular's build names assets {@code name-HASH.ext}; anything else may change under the same name. */
    private static final java.util.regex.Pattern FINGERPRINTED = java.util.regex.Pattern.compile(".*-[A-Z0-9]{8,}\\.(js|css|woff2?)$");

    /**
     * Built once: Keycloak's origin is the only other place a form may post to (its login page). {@code base-uri 'self'}
     * (not 'none'): the app's document has {@code <base href="/">}, without which a deep link such as
     * {@code /payments/42} would load the app's assets from {@code /payments/}.
     */
    private final String contentSecurityPolicy;

    SecurityHeaders(BffConfig config) {
        String keycloak = config.oidc().issuer().replaceAll("^(https?://[^/]+).*$", "$1");
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self' " + keycloak;
    }

    // Before RawPathGuard (1000), so even its refusals carry the headers.
    @RouteFilter(2000)
    void headers(RoutingContext context) {
        String path = context.request().path();
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("Content-Security-Policy", contentSecurityPolicy);
            headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.set("X-Frame-Options", "DENY");
            headers.remove("Server");
            headers.set("Cache-Control", cacheControl(path == null ? "" : path));
        });
        context.next();
    }

    static String cacheControl(String path) {
        if (path.startsWith("/bff/") || path.startsWith("/api/") || path.startsWith("/q/")) {
            return "no-store";
        }
        if (FINGERPRINTED.matcher(path).matches()) {
            return "public, max-age=31536000, immutable";
        }
        // The app's document, its deep links and anything not fingerprinted: always revalidated.
        return "no-cache";
    }
}
