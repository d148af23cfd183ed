package com.bank.auth.bff.web;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Deep links of the web app ({@code /payments} reloaded, a bookmark of {@code /security}) serve the app's document, not
 * a 404: a page path (no file extension, outside {@code /bff}, {@code /api} and {@code /q}) is routed to
 * {@code /index.html}, whose router shows the page. Quinoa's own SPA routing never sees these requests, because the
 * REST layer answers every unmatched path with its problem+json 404 first.
 */
public class SpaDeepLinks {

    @RouteFilter(500)
    void deepLink(RoutingContext context) {
        HttpMethod method = context.request().method();
        String path = context.normalizedPath();
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && isPage(path)) {
            context.reroute("/index.html");
            return;
        }
        context.next();
    }

    static boolean isPage(String path) {
        if (path == null || path.equals("/") || path.startsWith("/bff/") || path.startsWith("/api/") || path.startsWith("/q/")
                || path.equals("/bff") || path.equals("/api") || path.equals("/q")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
