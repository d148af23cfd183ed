package com.bank.auth.bff.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the BFF (DESIGN 2, 3). */
@ConfigMapping(prefix = "bff")
public interface BffConfig {

    /** The app's own origin (scheme, host, port): CSRF checks {@code Origin} against it; redirects are built on it. */
    @WithDefault("http://localhost:8080")
    String origin();

    Oidc oidc();

    Cookies cookies();

    /** Refresh the access token when it expires within this skew. */
    @WithDefault("30S")
    Duration refreshSkew();

    /**
     * A request sends the access token it has while that token stays valid longer than this, even when a refresh is
     * due (within the skew, or for the idle grace): the refresh then runs beside it, once per session on this replica,
     * and nobody waits for Keycloak. Only a token closer to its expiry than this makes the request wait for the
     * refresh (DESIGN 3). Below {@code bff.refresh-skew}.
     */
    @WithDefault("10S")
    Duration accessTokenMinValidity();

    /**
     * Refresh also when Keycloak's refresh token would expire more than this before the session's idle deadline.
     * Keycloak's refresh token lives SSO-idle after the last refresh, the BFF's idle timer slides on every request:
     * an active session keeps its refresh token at most this short of the idle deadline (its countdown shows the
     * earlier of the two), and "Stay signed in" refreshes whenever it falls short at all (issue 23, item 2).
     */
    @WithDefault("60S")
    Duration refreshIdleGrace();

    /**
     * For this long after a step-up replaced the session id, a request still carrying the old one is answered 401
     * {@code session-renewed} (send again) rather than {@code unauthenticated} (signed out): it was on its way when the
     * id changed. The old id serves nothing either way.
     */
    @WithDefault("10S")
    Duration rotationRetryWindow();

    /** payments-service, the upstream of {@code /api/**}. */
    @WithDefault("http://localhost:8081")
    String paymentsUrl();

    /** Time to connect to payments-service. */
    @WithDefault("2S")
    Duration paymentsConnectTimeout();

    /** Time payments-service has to answer before the user gets a 503 (below 5 s, so the user's answer comes within 5 s). */
    @WithDefault("4S")
    Duration paymentsReadTimeout();

    /** How long a request waits for another request's refresh before giving up (503). */
    @WithDefault("5S")
    Duration refreshWait();

    /** Strong customer authentication at sign-in (DESIGN 5a). */
    Sca sca();

    /** The session near-cache (DESIGN 3): session checks answered from memory while the change stream is live. */
    SessionCache sessionCache();

    interface SessionCache {

        /** Off: every request asks session-service, as before the near-cache. */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long a session view looked up at session-service may answer again (never past the session's own idle or
         * absolute deadline, and at most half its idle timeout). An event on the change stream drops it at once.
         */
        @WithDefault("10S")
        Duration ttl();

        /**
         * How often, at most, the requests served from memory are reported to session-service (their count and the
         * last one's time), off the request path: its idle deadline then lags the true one by at most this, earlier,
         * never later. At most half the idle timeout, whatever is set here.
         */
        @WithDefault("10S")
        Duration touchInterval();

        /**
         * Without a heartbeat on the change stream for this long (session-service sends one through Redis each second),
         * nothing is served from memory and every request asks session-service; the stream is dropped and reconnected.
         */
        @WithDefault("3S")
        Duration heartbeatTimeout();

        /** Sessions held at most; a miss beyond this is answered, not kept (the memory stays bounded). */
        @WithDefault("100000")
        int maxEntries();
    }

    /** Abuse limits of {@code GET /bff/login}, one PAR call to Keycloak each (DESIGN 8). */
    LoginLimits loginLimits();

    interface LoginLimits {
        /** Sign-ins started per client address (behind the ingress: from its trusted proxy header) per window, on all replicas. */
        @WithDefault("20")
        int perClient();

        /** Sign-ins started on this replica per window, whoever asks: what Keycloak's PAR store sees from it at most. */
        @WithDefault("2000")
        int perReplica();

        @WithDefault("1M")
        Duration window();
    }

    interface Sca {
        /**
         * PSD2 RTS Art. 10a: account data is served without a new SCA only while the user's last SCA is younger than
         * this (the RTS allows up to 180 days). Past it, a user with an active factor confirms with it first.
         */
        @WithDefault("90D")
        Duration loginMaxAge();
    }

    interface Oidc {
        /** Keycloak realm URL, the issuer ({@code iss}) of every token the BFF accepts. */
        String issuer();

        /**
         * The same realm as the BFF reaches it for discovery (and, through Keycloak's back-channel URLs, token, PAR,
         * logout and JWKS), when that differs from the issuer: in Kubernetes, Keycloak's in-cluster Service (with
         * Keycloak's {@code hostname-backchannel-dynamic}). Empty: the issuer.
         */
        Optional<String> backchannelUrl();

        /** Confidential client of the BFF. */
        @WithDefault("bank-bff")
        String clientId();

        /** Its secret: from the environment or a Kubernetes Secret, never committed (BFF_OIDC_CLIENT_SECRET). */
        String clientSecret();

        /**
         * The shortest lifetime of the access tokens Keycloak issues to the BFF: the realm's access token lifespan
         * (keycloak/realm-bank.json, the chart's {@code keycloak.realmImport.accessTokenLifespan}: 120 s).
         * {@code bff.refresh-skew} must stay below it.
         */
        @WithDefault("120S")
        Duration accessTokenLifetime();

        /**
         * Scopes of the user login. {@code payments} puts {@code aud: payments-api} on the user's access token; the
         * BFF's service tokens never ask for it, so they cannot open payments-service.
         */
        @WithDefault("openid,profile,email,payments")
        List<String> scopes();

        /** How long a login may take between /bff/login and /bff/callback. */
        @WithDefault("5M")
        Duration loginTimeout();

        /** Time to connect to Keycloak on every back-channel call (discovery, JWKS, PAR, token, refresh, logout). */
        @WithDefault("2S")
        Duration connectTimeout();

        /**
         * Time Keycloak has to answer a back-channel call before the BFF gives up: the user gets a 503. Below 5 s, so the
         * whole answer comes within DESIGN 8's 5 s.
         */
        @WithDefault("4S")
        Duration readTimeout();
    }

    interface Cookies {
        /**
         * Keys of the login-state cookie's encryption ({@code kid:base64key}, 256-bit), and of the CSRF token HMAC.
         * Required in prod; every replica needs the same.
         */
        Optional<List<String>> keys();

        Optional<String> activeKeyId();

        /** Base64 key (≥ 256 bits) of the CSRF token HMAC; every replica needs the same. Required in prod. */
        Optional<String> csrfKey();

        /** Dev/test only: throw-away keys (logins in flight and CSRF tokens do not survive a restart). */
        @WithDefault("false")
        boolean allowEphemeralKey();

        /**
         * For the one rolling update that upgrades from a release before Tink (1.0.0-SNAPSHOT up to commit c440f95):
         * write the ciphertext format from before Tink, which the old pods beside the new ones can read; every pod reads
         * both. Set it back to false in the next rollout.
         */
        @WithDefault("false")
        boolean writeBeforeTinkFormat();
    }
}
