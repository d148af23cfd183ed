package com.bank.auth.bff.session;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;

import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.config.BffConfig;

/** This request's session: looked up once (which slides its idle timer), then shared by filters and resources. */
@RequestScoped
public class CurrentSession {

    /** The cookie that carries the session id (web/BffCookies sets it; this layer only reads it). */
    public static final String SESSION_COOKIE = "__Host-bank-session";

    private final BffSessions sessions;
    private final HttpHeaders headers;
    private final BffConfig config;
    private Optional<SessionView> session;
    private BffSessions.SessionGone gone;

    CurrentSession(BffSessions sessions, HttpHeaders headers, BffConfig config) {
        this.sessions = sessions;
        this.headers = headers;
        this.config = config;
    }

    public Optional<SessionView> get() {
        if (session == null) {
            var cookie = headers.getCookies().get(SESSION_COOKIE);
            BffSessions.Lookup lookup = sessions.lookupOrWhyNot(cookie == null ? null : cookie.getValue());
            session = lookup.session();
            gone = lookup.gone();
        }
        return session;
    }

    /**
     * The session if the near-cache holds it (then it is this request's session, as if looked up), else empty: never a
     * call to session-service, so the event loop may ask. Empty is no verdict: {@link #require()} decides.
     */
    public Optional<SessionView> fromMemory() {
        if (session == null) {
            SessionView held = sessions.fromMemory(sessionId());
            if (held == null) {
                return Optional.empty();
            }
            session = Optional.of(held);
        }
        return session;
    }

    /** The session if this request has already looked it up; never a lookup of its own (it would slide the timer). */
    public Optional<SessionView> lookedUp() {
        return session == null ? Optional.empty() : session;
    }

    /** This request renewed the session's tokens (keepalive): the view the answer describes. */
    public void renewed(SessionView view) {
        session = Optional.of(view);
    }

    /** This request ended the session (logout): what it looked up earlier no longer describes a live session. */
    public void ended() {
        session = Optional.empty();
    }

    public String sessionId() {
        var cookie = headers.getCookies().get(SESSION_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    /**
     * The session, or a 401 problem: signed out, expired or ended (on any replica: every request asks session-service).
     * A request that was on its way with the id a step-up just replaced gets {@code session-renewed} instead, for a
     * few seconds ({@code bff.rotation-retry-window}): nothing happened, the session lives on under the new id the
     * browser now holds, and the web app sends the request once more (issue 23, item 5). The old id itself opens
     * nothing, for no method.
     */
    public SessionView require() {
        return get().orElseThrow(() -> gone != null && gone.rotatedWithin(config.rotationRetryWindow())
                ? BffSessions.sessionRenewed()
                : new com.bank.auth.common.problem.ProblemException(
                        com.bank.auth.common.problem.Problem.of("unauthenticated", "Signed out", 401, "Please sign in.")));
    }
}
