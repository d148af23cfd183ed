package com.bank.auth.bff.web;

import java.util.Locale;
import java.util.regex.Pattern;

import io.quarkus.vertx.web.RouteFilter;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, before any routing or normalisation, a request path with dot-segments or encoded separators
 * ({@code ..}, {@code %2e}, {@code %2f}, {@code %5c}, {@code \}). Vert.x would normalise {@code /api/x/../accounts} to
 * {@code /api/accounts}; a bank's proxy answers such a request 400 instead of guessing what was meant.
 */
public class RawPathGuard {

    private static final Pattern SUSPICIOUS = Pattern.compile("(^|/)\\.\\.?(/|$)|%2e|%2f|%5c|\\\\");

    @RouteFilter(1000)
    void guard(RoutingContext context) {
        String uri = context.request().uri();
        int query = uri.indexOf('?');
        String rawPath = (query < 0 ? uri : uri.substring(0, query)).toLowerCase(Locale.ROOT);
        if (SUSPICIOUS.matcher(rawPath).find()) {
            context.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                    .putHeader("Cache-Control", "no-store")
                    .end("{\"type\":\"https://bank.example/problems/invalid-path\",\"title\":\"Invalid path\",\"status\":400,"
                            + "\"detail\":\"The path may not contain dot-segments or encoded separators.\"}");
            return;
        }
        context.next();
    }
}
