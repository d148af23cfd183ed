package com.bank.auth.bff.web;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.session.CurrentSession;

/**
 * Tells the web app on every {@code /bff} and {@code /api} answer when its session ends, as session-service reported
 * it for this very request (whose lookup slid the idle timer): {@code Bank-Session-Expires-In: idle=287, absolute=1703},
 * seconds from now (an RFC 8941 dictionary). Seconds rather than instants, so the browser's clock does not matter. The
 * app's countdown and its "you will be signed out" warning follow API calls too, not only keepalive. Sent only when this
 * request looked the session up and it is still alive; a 401 or a logout answer has none.
 */
public class SessionExpiryHeader {

    public static final String NAME = "Bank-Session-Expires-In";

    private final CurrentSession current;

    SessionExpiryHeader(CurrentSession current) {
        this.current = current;
    }

    @ServerResponseFilter
    public void expiry(ContainerResponseContext response) {
        if (response.getStatus() == 401) {
            return; // the session ended during this request (e.g. Keycloak refused its refresh)
        }
        current.lookedUp().ifPresent(session -> response.getHeaders().putSingle(NAME, value(session, Instant.now())));
    }

    static String value(SessionView session, Instant now) {
        return "idle=" + secondsUntil(session.idleEndsAt(), now) + ", absolute=" + secondsUntil(session.absoluteExpiresAt(), now);
    }

    private static long secondsUntil(Instant expiry, Instant now) {
        return expiry == null ? 0 : Math.max(0, Duration.between(now, expiry).toSeconds());
    }
}
