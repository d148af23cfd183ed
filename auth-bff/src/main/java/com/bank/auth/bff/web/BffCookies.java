package com.bank.auth.bff.web;

import jakarta.ws.rs.core.NewCookie;

/**
 * The BFF's three cookies. {@code __Host-} means: Secure, Path=/, no Domain, so no subdomain can set or read them
 * (browsers treat http://localhost as secure, so this holds in the local suite too).
 */
public final class BffCookies {

    /** The opaque session id: HttpOnly, SameSite=Strict. */
    public static final String SESSION = com.bank.auth.bff.session.CurrentSession.SESSION_COOKIE;
    /** The CSRF token the SPA echoes in {@code X-CSRF-Token}: readable by JS, SameSite=Strict. */
    public static final String CSRF = "__Host-bank-csrf";
    /** The login in progress: HttpOnly, SameSite=Lax (it must come back on Keycloak's top-level redirect), 5 minutes. */
    public static final String LOGIN = "__Host-bank-login";

    private BffCookies() {
    }

    public static NewCookie session(String sessionId) {
        return build(SESSION, sessionId, true, NewCookie.SameSite.STRICT, -1);
    }

    public static NewCookie csrf(String token) {
        return build(CSRF, token, false, NewCookie.SameSite.STRICT, -1);
    }

    public static NewCookie login(String sealedState, int maxAgeSeconds) {
        return build(LOGIN, sealedState, true, NewCookie.SameSite.LAX, maxAgeSeconds);
    }

    /** An expired cookie of the same name and attributes, which makes the browser drop it. */
    public static NewCookie clear(String name) {
        return build(name, "", !CSRF.equals(name), LOGIN.equals(name) ? NewCookie.SameSite.LAX : NewCookie.SameSite.STRICT, 0);
    }

    private static NewCookie build(String name, String value, boolean httpOnly, NewCookie.SameSite sameSite, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").secure(true).httpOnly(httpOnly).sameSite(sameSite)
                .maxAge(maxAge).build();
    }
}
