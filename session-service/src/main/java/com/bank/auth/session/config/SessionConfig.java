package com.bank.auth.session.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the session store (DESIGN 4). */
@ConfigMapping(prefix = "bank.sessions")
public interface SessionConfig {

    /** Prefix of every Redis key this service writes; tests use their own so they never touch live data. */
    @WithDefault("bank:")
    String keyPrefix();

    /** Sliding idle timeout: a session not used for this long ends (PSD2 RTS Art. 4(3)(d): at most 5 minutes). */
    @WithDefault("5M")
    Duration idleTimeout();

    /** Absolute lifetime of a session, however active. */
    @WithDefault("30M")
    Duration absoluteTimeout();

    /**
     * How long an ended session's tombstone (hashed id, reason, time) is kept; a tombstoned id is never accepted. DESIGN
     * 4: 24 h, long past the absolute timeout of any cookie that could carry the id (a 256-bit id is never issued twice
     * anyway: create's SET NX proves it), and what bounds Redis' memory: 10 M sign-ins and rotations a day keep ~10 M.
     */
    @WithDefault("24H")
    Duration tombstoneTtl();

    /** Active sessions per user; creating one more ends the oldest (reason {@code superseded}). */
    @WithDefault("1")
    int maxPerUser();

    /**
     * The longest a refresh lease lasts unless renewed by its holder. A caller asks for the time its refresh may take
     * (auth-bff: its Keycloak connect and read timeouts plus its session-service read timeout, 10 s by default) and gets
     * at most this.
     */
    @WithDefault("10S")
    Duration refreshLeaseTtl();

    /**
     * The longest one call waits here for another's work (a refresh in flight: {@code await-tokens}, {@code rotate}),
     * so that it answers inside its caller's budget (DESIGN 8: budgets nest). Below auth-bff's read timeout for
     * session-service ({@code quarkus.rest-client.read-timeout}, 4 s) by at least a second for the rest of the call.
     */
    @WithDefault("3S")
    Duration maxWait();

    /**
     * How long a rotation's new id is kept (sealed) for its caller's retry under the same rotation key, when the first
     * answer was lost. Longer than the caller's retry comes (its next attempt, within seconds); short, since it is the
     * one way from an ended id to a live one.
     */
    @WithDefault("10S")
    Duration rotationReplayWindow();

    /** Encryption of tokens at rest. */
    Encryption encryption();

    /**
     * Session ids from before the hash-tag layout (Redis Cluster, issue 26: 43 characters, no user tag).
     * {@code read} (default): still looked up, under the layout of their time, so sessions of the rollout that
     * upgrades keep working; the last of them ends within {@link #absoluteTimeout()}. {@code write}: new sessions get
     * such ids too, only for that one rollout, while pods of the older release (which know no tagged id) still serve;
     * set it back in the next. {@code refuse}: treated as unknown; required with Redis Cluster, where the untagged
     * layout cannot work (a session's keys would be in different slots).
     */
    @WithDefault("read")
    UntaggedIds untaggedIds();

    enum UntaggedIds {
        READ, WRITE, REFUSE
    }

    interface Encryption {

        /**
         * The key ring: entries {@code kid:base64key} (256-bit keys), comma-separated. Keep retired keys here
         * until no session encrypted with them can be alive (the absolute timeout). Required in prod.
         */
        Optional<List<String>> keys();

        /** Key id new writes use; must be in {@link #keys()}. */
        Optional<String> activeKeyId();

        /**
         * Without {@link #keys()}, generate a throw-away key instead of refusing to start. Only the dev and test
         * profiles set this: sessions then do not survive a restart, which is fine there and nowhere else.
         */
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
