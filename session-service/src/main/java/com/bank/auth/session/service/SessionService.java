package com.bank.auth.session.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.crypto.AesGcmKeyRing.TamperedCiphertextException;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.session.config.SessionConfig;
import com.bank.auth.session.model.CreatedSession;
import com.bank.auth.session.model.LeaseGrant;
import com.bank.auth.session.model.NewSession;
import com.bank.auth.session.model.SessionSummary;
import com.bank.auth.session.model.SessionView;
import com.bank.auth.session.model.TokenSet;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Session state (DESIGN 4) on top of the atomic scripts: this class turns requests into script arguments and
 * script replies into results or problems. It never logs an id or a token; audit lines name the handle.
 */
@ApplicationScoped
public class SessionService {

    private static final Logger LOG = Logger.getLogger(SessionService.class);
    private static final int MAX_STEP_UPS_PER_SESSION = 20;
    private static final int ROTATE_ATTEMPTS = 3;
    /** A waiter re-checks this often even if no notification comes (Redis pub/sub is best-effort). */
    private static final long RECHECK_MS = 250;

    private final ScriptRunner scripts;
    private final TokenCipher cipher;
    private final ObjectMapper json;
    private final SessionKeys keys;
    private final SessionConfig.UntaggedIds untaggedIds;
    private final long idleMs;
    private final long absoluteMs;
    private final long tombstoneMs;
    private final long leaseMs;
    private final long maxWaitMs;
    private final long rotationReplayMs;
    private final int maxPerUser;
    private final RefreshNotifications notifications;

    SessionService(ScriptRunner scripts, TokenCipher cipher, ObjectMapper json, SessionKeys keys, SessionConfig config,
            RefreshNotifications notifications) {
        this.notifications = notifications;
        this.scripts = scripts;
        this.cipher = cipher;
        this.json = json;
        this.keys = keys;
        this.untaggedIds = config.untaggedIds();
        this.idleMs = config.idleTimeout().toMillis();
        this.absoluteMs = config.absoluteTimeout().toMillis();
        this.tombstoneMs = config.tombstoneTtl().toMillis();
        this.leaseMs = config.refreshLeaseTtl().toMillis();
        this.maxWaitMs = config.maxWait().toMillis();
        this.rotationReplayMs = config.rotationReplayWindow().toMillis();
        this.maxPerUser = Math.max(1, config.maxPerUser());
    }

    public CreatedSession create(NewSession request) {
        String tag = untaggedIds == SessionConfig.UntaggedIds.WRITE ? "" : SessionKeys.tagOf(request.sub());
        String sessionId = SessionIds.newId(tag);
        String hash = SessionIds.hash(sessionId);
        String handle = SessionIds.newHandle();
        SessionKeys.UserSlot slot = keys.slot(tag);
        String sid = nullToEmpty(request.sid());
        if (!sid.isEmpty()) {
            // First, so a session a back-channel logout could not find never exists: the logout may name only the sid.
            scripts.run(SessionScripts.REMEMBER_TAG, List.of(keys.idpSessionTag(sid)), List.of(tag, ms(absoluteMs)));
        }
        List<String> sessionKeys = new ArrayList<>(List.of(slot.id(hash), slot.session(hash), slot.userSessions(request.sub())));
        if (!sid.isEmpty()) {
            sessionKeys.add(slot.idpSession(sid));
        }
        List<String> args = new ArrayList<>(List.of(slot.base(), hash, ms(idleMs), ms(absoluteMs), ms(tombstoneMs),
                String.valueOf(maxPerUser), request.sub(), sid));
        addField(args, "handle", handle);
        addField(args, "sub", request.sub());
        addField(args, "sid", nullToEmpty(request.sid()));
        addField(args, "acr", nullToEmpty(request.acr()));
        addField(args, "amr", request.amr() == null ? "" : String.join(" ", request.amr()));
        addField(args, "authTime", request.authTime() == null ? "" : ms(request.authTime().toEpochMilli()));
        addField(args, "userAgent", nullToEmpty(request.userAgent()));
        addField(args, "tokens", sealTokens(request.tokens(), hash));
        addField(args, "loginScaPending", request.loginScaPending() ? "1" : "0");
        List<String> reply = scripts.run(SessionScripts.CREATE, sessionKeys, args);
        if (!"created".equals(reply.get(0))) {
            // 2^256 ids: a collision means a broken random source, so refuse rather than retry quietly.
            throw new IllegalStateException("session id collision");
        }
        Instant now = Instant.ofEpochMilli(Long.parseLong(reply.get(1)));
        List<String> superseded = reply.subList(2, reply.size()).stream().filter(h -> h != null && !h.isEmpty()).toList();
        Audit.event(AuditEvent.SESSION_CREATED, Outcome.SUCCESS, request.sub(), Map.of("session", handle, "superseded", superseded.size()));
        if (!superseded.isEmpty()) {
            // A new login over the per-user limit ends the oldest sessions: a SOC sees them end, with the reason.
            Audit.event(AuditEvent.SESSION_ENDED, Outcome.SUCCESS, request.sub(), Map.of("reason", "superseded", "ended", superseded.size(),
                    "by", handle));
        }
        return new CreatedSession(sessionId, handle, now.plusMillis(Math.min(idleMs, absoluteMs)),
                now.plusMillis(absoluteMs), 1, superseded);
    }

    /** Reads a live session and slides its idle timer. */
    public SessionView lookup(String sessionId) {
        return lookup(sessionId, false);
    }

    /** {@code peek}: read without sliding the idle timer or counting a use (a request waiting for another's refresh). */
    public SessionView lookup(String sessionId, boolean peek) {
        return peek ? read(sessionId, "peek", 0, 0) : touch(sessionId, 1, 0);
    }

    /**
     * Reads a live session and counts {@code uses} requests, the last of them {@code seenAgoMs} ago: a BFF's near-cache
     * (DESIGN 3) served the others from memory and reports them here at most once per touch interval. The idle timer
     * slides to that last use, never later than it was and never back.
     */
    public SessionView touch(String sessionId, long uses, long seenAgoMs) {
        return read(sessionId, "touch", uses, seenAgoMs);
    }

    private SessionView read(String sessionId, String mode, long uses, long seenAgoMs) {
        Target session = target(sessionId);
        String hash = session.hash();
        List<String> reply = scripts.run(SessionScripts.LOOKUP, session.keys(),
                session.args(ms(idleMs), ms(tombstoneMs), mode, String.valueOf(uses), ms(seenAgoMs)));
        requireLive(reply);
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i + 1 < reply.size(); i += 2) {
            fields.put(reply.get(i), reply.get(i + 1));
        }
        return view(fields, hash);
    }

    /**
     * Replaces the tokens if {@code expectedVersion} is current and nobody but {@code leaseId} (if given) holds the
     * refresh lease; returns the new version and releases the lease.
     */
    public long updateTokens(String sessionId, long expectedVersion, TokenSet tokens, String leaseId) {
        Target session = target(sessionId);
        String hash = session.hash();
        List<String> reply = scripts.run(SessionScripts.UPDATE_TOKENS, session.keysWith(session.slot().lease(hash)),
                session.args(ms(idleMs), ms(tombstoneMs), String.valueOf(expectedVersion), sealTokens(tokens, hash),
                        leaseId == null ? "" : leaseId));
        requireLive(reply);
        if ("stale".equals(reply.get(0)) || "not-holder".equals(reply.get(0))) {
            throw new ProblemException(SessionProblems.staleTokenVersion(Long.parseLong(reply.get(1))));
        }
        return Long.parseLong(reply.get(1));
    }

    /**
     * One caller at a time may refresh a session's tokens; the others learn how long to wait. The lease lasts
     * {@code ttlMs} (what the caller's refresh may take), at most {@code refresh-lease-ttl}.
     */
    public LeaseGrant lease(String sessionId, String leaseId, Long ttlMs) {
        Target session = target(sessionId);
        String id = leaseId == null || leaseId.isBlank() ? UUID.randomUUID().toString() : leaseId;
        // As long as the caller's refresh may take (its budgets, DESIGN 8), never longer than the longest lease.
        long grantMs = ttlMs == null || ttlMs <= 0 ? leaseMs : Math.min(ttlMs, leaseMs);
        List<String> reply = scripts.run(SessionScripts.LEASE, session.keysWith(session.slot().lease(session.hash())),
                session.args(ms(idleMs), ms(tombstoneMs), id, ms(grantMs)));
        requireLive(reply);
        if ("busy".equals(reply.get(0))) {
            throw new ProblemException(SessionProblems.leaseBusy(Long.parseLong(reply.get(1)), Long.parseLong(reply.get(2))));
        }
        return new LeaseGrant(reply.get(1), Long.parseLong(reply.get(2)));
    }

    /**
     * Waits (at most {@code maxWait}) until the session's tokens are newer than {@code version} or its refresh lease
     * is given back, woken by Redis pub/sub rather than polling; then answers the session as it is (a peek: neither
     * sliding nor counting). The caller compares the version.
     */
    public SessionView awaitNewerTokens(String sessionId, long version, java.time.Duration maxWait) {
        String hash = target(sessionId).hash();
        long deadline = System.currentTimeMillis() + Math.min(maxWait.toMillis(), maxWaitMs);
        long left;
        while ((left = deadline - System.currentTimeMillis()) > 0) {
            if (awaitChange(hash, Math.min(left, RECHECK_MS), () -> lookup(sessionId, true).tokenVersion() > version)) {
                break;
            }
        }
        return lookup(sessionId, true);
    }

    /** Gives the refresh lease back if {@code leaseId} holds it (its refresh failed), so a waiter can refresh at once. */
    public void releaseLease(String sessionId, String leaseId) {
        Target session = target(sessionId);
        scripts.run(SessionScripts.RELEASE_LEASE, List.of(session.slot().lease(session.hash())),
                List.of(session.hash(), leaseId, keys.sessionChanges()));
    }

    /**
     * A new id for the same session (after login and step-up: no fixation); the old id is tombstoned. With a
     * {@code rotationKey} (the BFF names the challenge that asked for it), the same call again within
     * {@code rotation-replay-window} answers the same new id while that session lives: a caller whose answer was lost
     * can ask again instead of finding its user's session ended (issue 23, item 3).
     */
    public CreatedSession rotate(String sessionId, String rotationKey) {
        Target old = target(sessionId);
        String oldHash = old.hash();
        String tag = SessionIds.tagOf(sessionId);
        String key = rotationKey == null ? "" : rotationKey;
        // A refresh in flight is waited for, but never past what the caller waits for this answer (DESIGN 8): then 409
        // session-busy, nothing rotated, and the caller's step-up grants nothing (the BFF keeps it only under the new id).
        long leaseDeadline = System.currentTimeMillis() + maxWaitMs;
        int staleLeft = ROTATE_ATTEMPTS;
        while (staleLeft > 0) {
            List<String> reply;
            // The new id keeps the old one's tag (and so its user's slot): one script moves the session.
            String newId = SessionIds.newId(tag);
            SessionView current;
            try {
                current = lookup(sessionId, true);
            } catch (ProblemException gone) {
                // Ended or rotated already: the script says whether it was this rotation.
                current = null;
            }
            String newHash = SessionIds.hash(newId);
            SessionKeys.UserSlot slot = old.slot();
            reply = scripts.run(SessionScripts.ROTATE, old.keysWith(slot.lease(oldHash), slot.rotation(oldHash), slot.session(newHash), slot.id(newHash)),
                    old.args(ms(idleMs), ms(tombstoneMs), newHash,
                    current == null ? "" : String.valueOf(current.tokenVersion()), current == null ? "" : sealTokens(current.tokens(), newHash),
                    key, key.isEmpty() ? "" : cipher.seal(newId, rotationData(oldHash, key)), ms(rotationReplayMs)));
            if ("again".equals(reply.get(0))) {
                return sameRotationAgain(cipher.open(reply.get(1), rotationData(oldHash, key)));
            }
            requireLive(reply);
            if ("rotated".equals(reply.get(0))) {
                Audit.event(AuditEvent.SESSION_ROTATED, Outcome.SUCCESS, current.sub(), Map.of("session", current.handle()));
                return new CreatedSession(newId, current.handle(), current.idleExpiresAt(), current.absoluteExpiresAt(),
                        current.tokenVersion(), List.of());
            }
            if ("collision".equals(reply.get(0))) {
                throw new IllegalStateException("session id collision");
            }
            if ("leased".equals(reply.get(0))) {
                // A refresh is in flight: wait for it (at most one lease), then rotate the refreshed tokens.
                if (System.currentTimeMillis() > leaseDeadline) {
                    break;
                }
                awaitChange(oldHash, Math.min(Long.parseLong(reply.get(1)), 200), () -> false);
                continue;
            }
            // 'stale': the tokens changed between our read and the rotation; read again.
            staleLeft--;
        }
        throw new ProblemException(SessionProblems.busy());
    }

    /** The answer a rotation gave, given again: the new id, if its session still lives (without sliding its idle timer). */
    private CreatedSession sameRotationAgain(String newId) {
        SessionView rotated = lookup(newId, true);
        return new CreatedSession(newId, rotated.handle(), rotated.idleExpiresAt(), rotated.absoluteExpiresAt(), rotated.tokenVersion(),
                List.of());
    }

    /** What a kept new id is sealed to: the old id's hash and the rotation key, so it opens for that retry only. */
    private static String rotationData(String oldHash, String rotationKey) {
        return "rotation:" + oldHash + ":" + rotationKey;
    }

    /**
     * Waits until the session's tokens change or its lease is given back (woken by pub/sub), at most {@code millis},
     * unless {@code changedAlready} says, once registered, that there is nothing to wait for (no change is missed
     * between a check and the registration). True if it was woken or nothing had to be waited for.
     */
    private boolean awaitChange(String hash, long millis, java.util.function.BooleanSupplier changedAlready) {
        var signal = notifications.register(hash);
        try {
            if (changedAlready.getAsBoolean()) {
                return true;
            }
            signal.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;   // look again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(SessionProblems.busy());
        } finally {
            notifications.unregister(hash, signal);
        }
    }

    /**
     * Stores a step-up entry. An entry with a {@code stepUpToken} is flagged as an approval (the flag, not the token, is
     * readable in Redis), and {@code keepApproved} leaves such an entry as it is, atomically.
     */
    public void putStepUp(String sessionId, String idempotencyKey, JsonNode entry, boolean keepApproved) {
        Target target = target(sessionId);
        SessionView session = lookup(sessionId);
        String sealed = cipher.seal(entry.toString(), stepUpContext(session.handle(), idempotencyKey));
        List<String> reply = scripts.run(SessionScripts.PUT_STEP_UP, target.keysWith(target.slot().stepUps(session.handle())),
                target.args(ms(idleMs), ms(tombstoneMs), idempotencyKey, sealed, String.valueOf(MAX_STEP_UPS_PER_SESSION), entry.hasNonNull("stepUpToken") ? "A" : "",
                keepApproved ? "1" : "0"));
        requireLive(reply);
        if (reply.size() > 1) {
            LOG.debugf("step-up store of session %s full: evicted its oldest entry", session.handle());
        }
    }

    public JsonNode getStepUp(String sessionId, String idempotencyKey) {
        Target session = target(sessionId);
        List<String> reply = scripts.run(SessionScripts.GET_STEP_UP, session.keys(), session.args(ms(idleMs), ms(tombstoneMs), idempotencyKey));
        requireLive(reply);
        if ("none".equals(reply.get(0))) {
            throw new ProblemException(SessionProblems.noStepUp());
        }
        try {
            return json.readTree(openOrFail(reply.get(2), stepUpContext(reply.get(1), idempotencyKey)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("step-up entry is not JSON", e);
        }
    }

    /**
     * Counts one event of limit {@code name} for {@code key} (a hash: never a client address in clear) in a window every
     * replica shares; empty if it fits, else the milliseconds until the window ends.
     */
    public java.util.OptionalLong rateLimit(String name, String key, int limit, long windowMs) {
        List<String> reply = scripts.run(SessionScripts.RATE_LIMIT, List.of(keys.rateLimit(name, key)),
                List.of(String.valueOf(limit), String.valueOf(windowMs)));
        return "allowed".equals(reply.get(0)) ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(Long.parseLong(reply.get(1)));
    }

    /** The user completed the sign-in SCA the session waited for: account data may be served (RTS Art. 10a). */
    public void loginScaDone(String sessionId) {
        Target session = target(sessionId);
        requireLive(scripts.run(SessionScripts.LOGIN_SCA_DONE, session.keys(), session.args(ms(idleMs), ms(tombstoneMs))));
    }

    public void deleteStepUp(String sessionId, String key) {
        Target session = target(sessionId);
        requireLive(scripts.run(SessionScripts.DELETE_STEP_UP, session.keys(), session.args(ms(idleMs), ms(tombstoneMs), key)));
    }

    /**
     * True the first time a logout token's {@code jti} is presented, on any replica; false for a replay. Kept (hashed)
     * for {@code ttl}, the token's remaining lifetime.
     */
    public boolean firstUseOfLogoutToken(String jti, java.time.Duration ttl) {
        long ms = Math.max(1, Math.min(ttl.toMillis(), java.time.Duration.ofHours(1).toMillis()));
        List<String> reply = scripts.run(SessionScripts.REMEMBER_LOGOUT_TOKEN, List.of(keys.logoutTokenJti(SessionIds.hash(jti))),
                List.of(String.valueOf(ms)));
        return "first".equals(reply.get(0));
    }

    /** Ends a session (logout); returns its handle. */
    public String terminate(String sessionId, String reason) {
        Target session = target(sessionId);
        List<String> reply = scripts.run(SessionScripts.TERMINATE, session.keys(), session.args(reason, ms(tombstoneMs)));
        requireLive(reply);
        Audit.event(AuditEvent.SESSION_ENDED, Outcome.SUCCESS, null, Map.of("session", reply.get(1), "reason", reason, "ended", 1));
        return reply.get(1);
    }

    public List<SessionSummary> sessionsOf(String sub) {
        List<SessionSummary> sessions = new ArrayList<>();
        for (SessionKeys.UserSlot slot : slotsOf(sub)) {
            List<String> reply = scripts.run(SessionScripts.LIST_USER_SESSIONS, List.of(slot.userSessions(sub)), List.of(slot.base(), sub));
            for (int i = 0; i + 4 < reply.size(); i += 5) {
                sessions.add(new SessionSummary(reply.get(i), instant(reply.get(i + 1)), instant(reply.get(i + 2)),
                        Long.parseLong(reply.get(i + 3)), emptyToNull(reply.get(i + 4))));
            }
        }
        return sessions;
    }

    /** Ends a user's sessions: one ({@code onlyHandle}), or all but {@code exceptHandle}, or all. */
    public List<String> endUserSessions(String sub, String onlyHandle, String exceptHandle, String reason) {
        List<String> ended = new ArrayList<>();
        for (SessionKeys.UserSlot slot : slotsOf(sub)) {
            ended.addAll(nonEmpty(scripts.run(SessionScripts.END_USER_SESSIONS, List.of(slot.userSessions(sub)),
                    List.of(slot.base(), sub, nullToEmpty(onlyHandle), nullToEmpty(exceptHandle), reason, ms(tombstoneMs)))));
        }
        Audit.event(AuditEvent.SESSION_ENDED, Outcome.SUCCESS, sub, Map.of("reason", reason, "ended", ended.size()));
        return ended;
    }

    /**
     * Back-channel logout: ends every session created under Keycloak session {@code sid}. Two steps where a Redis
     * Cluster needs them: the sid's user tag (a key of its own, the logout may name only the sid), then that user's slot.
     */
    public List<String> endIdpSession(String sid) {
        List<SessionKeys.UserSlot> slots = new ArrayList<>();
        List<String> tag = scripts.run(SessionScripts.READ_TAG, List.of(keys.idpSessionTag(sid)), List.of());
        if (!tag.isEmpty() && tag.get(0) != null && !tag.get(0).isEmpty()) {
            slots.add(keys.slot(tag.get(0)));
        }
        if (untaggedIds != SessionConfig.UntaggedIds.REFUSE) {
            slots.add(keys.slot(""));
        }
        List<String> ended = new ArrayList<>();
        for (SessionKeys.UserSlot slot : slots) {
            ended.addAll(nonEmpty(scripts.run(SessionScripts.END_IDP_SESSION, List.of(slot.idpSession(sid)),
                    List.of(slot.base(), sid, "idp-logout", ms(tombstoneMs)))));
        }
        Audit.event(AuditEvent.SESSION_ENDED, Outcome.SUCCESS, null, Map.of("reason", "idp-logout", "ended", ended.size()));
        return ended;
    }

    private SessionView view(Map<String, String> f, String hash) {
        Instant lastSeen = instant(f.get("lastSeenAt"));
        Instant absolute = instant(f.get("absoluteExpiresAt"));
        Instant idle = lastSeen.plusMillis(idleMs);
        TokenSet tokens;
        try {
            tokens = json.readValue(openOrFail(f.get("tokens"), hash), TokenSet.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored tokens are not JSON", e);
        }
        String amr = f.getOrDefault("amr", "");
        return new SessionView(f.get("handle"), f.get("sub"), emptyToNull(f.get("sid")), emptyToNull(f.get("acr")),
                amr.isEmpty() ? List.of() : Arrays.asList(amr.split(" ")),
                emptyToNull(f.get("authTime")) == null ? null : instant(f.get("authTime")),
                emptyToNull(f.get("userAgent")), instant(f.get("createdAt")), lastSeen, Long.parseLong(f.get("uses")),
                idle.isBefore(absolute) ? idle : absolute, absolute, Long.parseLong(f.get("tokenVersion")), tokens,
                "1".equals(f.get("loginScaPending")));
    }

    private String sealTokens(TokenSet tokens, String hash) {
        try {
            return cipher.seal(json.writeValueAsString(tokens), hash);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("tokens not serialisable", e);
        }
    }

    private String openOrFail(String sealed, String context) {
        try {
            return cipher.open(sealed, context);
        } catch (TamperedCiphertextException e) {
            // Not garbage, an error: someone changed Redis, or a key left the ring too early.
            LOG.errorf("stored ciphertext failed authentication (%s)", e.getMessage());
            throw e;
        }
    }

    private static void requireLive(List<String> reply) {
        switch (reply.get(0)) {
            case "unknown" -> throw new ProblemException(SessionProblems.notFound());
            case "ended" -> throw new ProblemException(SessionProblems.ended(reply.get(1), instant(reply.get(2))));
            default -> {
            }
        }
    }

    /**
     * The session an id names: its user's slot and its hash, with the keys every script on one session declares
     * (session, id). A malformed id, or an untagged one where they are refused, is answered like an unknown one and
     * never reaches Redis.
     */
    private Target target(String sessionId) {
        if (!SessionIds.looksLikeId(sessionId) || (untaggedIds == SessionConfig.UntaggedIds.REFUSE && !SessionIds.isTagged(sessionId))) {
            throw new ProblemException(SessionProblems.notFound());
        }
        String hash = SessionIds.hash(sessionId);
        return new Target(keys.slotOfSession(sessionId), hash);
    }

    /** One session's slot and hash, and the KEYS and ARGV of a script on it. */
    private record Target(SessionKeys.UserSlot slot, String hash) {

        List<String> keys() {
            return List.of(slot.session(hash), slot.id(hash));
        }

        List<String> keysWith(String... more) {
            List<String> all = new ArrayList<>(keys());
            all.addAll(List.of(more));
            return all;
        }

        /** ARGV: the slot's key base, the hash, then {@code rest}. */
        List<String> args(String... rest) {
            List<String> all = new ArrayList<>(List.of(slot.base(), hash));
            all.addAll(List.of(rest));
            return all;
        }
    }

    /** Where a user's sessions may be: their slot, and the untagged layout while ids from before tags are read. */
    private List<SessionKeys.UserSlot> slotsOf(String sub) {
        return untaggedIds == SessionConfig.UntaggedIds.REFUSE ? List.of(keys.slot(SessionKeys.tagOf(sub)))
                : List.of(keys.slot(SessionKeys.tagOf(sub)), keys.slot(""));
    }

    private static String stepUpContext(String handle, String idempotencyKey) {
        return "step-up:" + handle + ":" + idempotencyKey;
    }

    private static void addField(List<String> args, String name, String value) {
        args.add(name);
        args.add(value);
    }

    private static List<String> nonEmpty(List<String> values) {
        return values.stream().filter(v -> v != null && !v.isEmpty()).toList();
    }

    private static Instant instant(String epochMillis) {
        return Instant.ofEpochMilli(Long.parseLong(epochMillis));
    }

    private static String ms(long millis) {
        return String.valueOf(millis);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
