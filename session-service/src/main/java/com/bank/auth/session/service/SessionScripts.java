package com.bank.auth.session.service;

/**
 * The Lua scripts that make every read-modify-write on a session one atomic step in Redis (DESIGN 4).
 * Time is Redis's own clock ({@code TIME}), so all replicas of this service agree on it.
 * <p>
 * Redis Cluster (DESIGN 4): every key a script is known to touch comes in {@code KEYS}, named by {@link SessionKeys};
 * ARGV[1] is the user's key base ({@code <prefix>{<tag>}}, {@link SessionKeys.UserSlot}), from which {@code key()}
 * names only what a script finds on its way (a user's other sessions from their index, a session's step-ups from its
 * handle). Every one of those carries the same hash tag, so a script never leaves its user's slot.
 */
final class SessionScripts {

    private SessionScripts() {
    }

    /** Shared helpers: the current time, and ending a session with a tombstone. */
    private static final String COMMON = """
            local base = ARGV[1]
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            -- The user's keys a script finds on its way: the same names as SessionKeys.UserSlot, in the same slot.
            local function key(kind, id) return base .. kind .. ':' .. id end
            -- The change stream (DESIGN 3): SessionKeys.sessionChanges(), the key prefix without the user's tag. Every
            -- change a BFF's near-cache must see is published here, inside the script that makes it, so none is lost
            -- to a crash between the write and the message.
            local changes = (string.gsub(base, '{%x%x%x%x}$', '')) .. 'session-changes'
            local function changed(hash) redis.call('PUBLISH', changes, 's:' .. hash) end
            -- keep_handle: the logical session lives on under a new id (rotation), so its step-ups stay.
            local function end_session(hash, reason, tomb_ms, keep_handle)
              local skey = key('session', hash)
              local f = redis.call('HMGET', skey, 'handle', 'sub', 'sid')
              redis.call('DEL', skey, key('lease', hash))
              if f[1] and not keep_handle then redis.call('DEL', key('stepups', f[1])) end
              if f[2] then redis.call('ZREM', key('user', f[2]), hash) end
              if f[3] and f[3] ~= '' then redis.call('SREM', key('sid', f[3]), hash) end
              redis.call('SET', key('id', hash), 'ended:' .. reason .. ':' .. now, 'PX', tomb_ms)
              changed(hash)
              return f[1]
            end
            -- Why a session that is not live is gone: unknown, or the reason in its tombstone.
            local function missing(hash, tomb_ms)
              local rec = redis.call('GET', key('id', hash))
              if not rec then return {'unknown'} end
              if string.sub(rec, 1, 5) == 'live:' then
                local reason = 'idle-timeout'
                if now >= tonumber(string.sub(rec, 6)) then reason = 'absolute-timeout' end
                redis.call('SET', key('id', hash), 'ended:' .. reason .. ':' .. now, 'PX', tomb_ms)
                return {'ended', reason, tostring(now)}
              end
              local _, _, reason, at = string.find(rec, '^ended:(.-):(%d+)$')
              return {'ended', reason, at}
            end
            -- A live session past a deadline (TTLs are not exact to the millisecond) is ended here.
            local function expired_reason(hash, idle_ms)
              local f = redis.call('HMGET', key('session', hash), 'absoluteExpiresAt', 'lastSeenAt')
              if now >= tonumber(f[1]) then return 'absolute-timeout' end
              if now - tonumber(f[2]) >= idle_ms then return 'idle-timeout' end
              return nil
            end
            local function ttl(hash, idle_ms)
              local abs = tonumber(redis.call('HGET', key('session', hash), 'absoluteExpiresAt'))
              return math.max(1, math.min(idle_ms, abs - now))
            end
            """;

    /**
     * Create. ARGV: base, hash, idleMs, absoluteMs, tombMs, maxPerUser, sub, sid, then field/value pairs.
     * Returns {'created', now, handles-of-superseded...} or {'collision'} if the id was ever issued.
     */
    static final String CREATE = COMMON + """
            local hash, idle_ms, abs_ms, tomb_ms = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
            local max_per_user, sub, sid = tonumber(ARGV[6]), ARGV[7], ARGV[8]
            local abs_at = now + abs_ms
            if not redis.call('SET', key('id', hash), 'live:' .. abs_at, 'NX', 'PX', abs_ms + tomb_ms) then
              return {'collision'}
            end
            local ukey = key('user', sub)
            local live = {}
            for _, h in ipairs(redis.call('ZRANGE', ukey, 0, -1)) do
              if redis.call('EXISTS', key('session', h)) == 1 then table.insert(live, h) else redis.call('ZREM', ukey, h) end
            end
            local result = {'created', tostring(now)}
            for i = 1, #live - (max_per_user - 1) do
              table.insert(result, end_session(live[i], 'superseded', tomb_ms))
            end
            local skey = key('session', hash)
            for i = 9, #ARGV, 2 do redis.call('HSET', skey, ARGV[i], ARGV[i + 1]) end
            redis.call('HSET', skey, 'createdAt', now, 'lastSeenAt', now, 'uses', 0, 'absoluteExpiresAt', abs_at, 'tokenVersion', 1)
            redis.call('PEXPIRE', skey, math.min(idle_ms, abs_ms))
            redis.call('ZADD', ukey, now, hash)
            redis.call('PEXPIRE', ukey, abs_ms)
            if sid ~= '' then
              redis.call('SADD', key('sid', sid), hash)
              redis.call('PEXPIRE', key('sid', sid), abs_ms)
            end
            return result
            """;

    /**
     * Look up and touch (slide the idle timer, count the uses). ARGV: base, hash, idleMs, tombMs, 'peek' or 'touch',
     * uses (how many requests this touch stands for: a BFF's near-cache served the others), seenAgoMs (how long ago
     * the last of them was: the idle timer slides to then, never later, and never back).
     * Returns {'ok', field, value, ...} or what {@code missing} returns.
     */
    static final String LOOKUP = COMMON + """
            local hash, idle_ms, tomb_ms, peek = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5] == 'peek'
            local skey = key('session', hash)
            if redis.call('EXISTS', skey) == 0 then return missing(hash, tomb_ms) end
            local reason = expired_reason(hash, idle_ms)
            if reason then
              end_session(hash, reason, tomb_ms)
              return {'ended', reason, tostring(now)}
            end
            -- A peek (a request waiting for another's refresh) neither slides the idle timer nor counts as a use.
            if peek then
              local out = {'ok'}
              for _, v in ipairs(redis.call('HGETALL', skey)) do table.insert(out, v) end
              return out
            end
            local uses, seen_at = tonumber(ARGV[6]) or 1, now - (tonumber(ARGV[7]) or 0)
            local last_seen = tonumber(redis.call('HGET', skey, 'lastSeenAt'))
            if seen_at > last_seen then
              redis.call('HSET', skey, 'lastSeenAt', seen_at)
              last_seen = seen_at
            end
            redis.call('HINCRBY', skey, 'uses', uses)
            local left = ttl(hash, idle_ms - (now - last_seen))
            redis.call('PEXPIRE', skey, left)
            local handle = redis.call('HGET', skey, 'handle')
            if redis.call('EXISTS', key('stepups', handle)) == 1 then redis.call('PEXPIRE', key('stepups', handle), left) end
            local out = {'ok'}
            for _, v in ipairs(redis.call('HGETALL', skey)) do table.insert(out, v) end
            return out
            """;

    /**
     * Replace the tokens if the caller saw the current version and, when it names one, still holds the refresh lease;
     * releases the lease, and says so on the change stream. KEYS: session, id, lease. ARGV: base, hash, idleMs, tombMs,
     * expectedVersion, ciphertext, leaseId (or '').
     * Returns {'ok', newVersion}, {'stale', current} or {'not-holder', current}.
     */
    static final String UPDATE_TOKENS = COMMON + """
            local hash, idle_ms, tomb_ms, expected, sealed, lease_id = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6], ARGV[7]
            local skey = key('session', hash)
            if redis.call('EXISTS', skey) == 0 then return missing(hash, tomb_ms) end
            local current = redis.call('HGET', skey, 'tokenVersion')
            local holder = redis.call('GET', key('lease', hash))
            -- Fenced by the lease: whoever holds it now is the only one that may write (its owner token).
            if holder and holder ~= lease_id then return {'not-holder', current} end
            if current ~= expected then return {'stale', current} end
            local version = redis.call('HINCRBY', skey, 'tokenVersion', 1)
            redis.call('HSET', skey, 'tokens', sealed)
            redis.call('DEL', key('lease', hash))
            changed(hash)
            return {'ok', tostring(version)}
            """;

    /**
     * Take or renew the refresh lease. ARGV: base, hash, idleMs, tombMs, leaseId, leaseMs.
     * Returns {'granted', leaseId, ttlMs} or {'busy', retryAfterMs, tokenVersion}.
     */
    static final String LEASE = COMMON + """
            local hash, idle_ms, tomb_ms, lease_id, lease_ms = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
            local skey = key('session', hash)
            if redis.call('EXISTS', skey) == 0 then return missing(hash, tomb_ms) end
            local lkey = key('lease', hash)
            local holder = redis.call('GET', lkey)
            if (not holder) or holder == lease_id then
              redis.call('SET', lkey, lease_id, 'PX', lease_ms)
              return {'granted', lease_id, tostring(lease_ms)}
            end
            return {'busy', tostring(math.max(1, redis.call('PTTL', lkey))), redis.call('HGET', skey, 'tokenVersion')}
            """;

    /**
     * Give the refresh lease back if the caller still holds it (its refresh failed), and say so on the change stream
     * (this script has no user's key base, so it is given the channel). KEYS: lease. ARGV: hash, leaseId, channel. Returns {'released'} or {'not-holder'}.
     */
    static final String RELEASE_LEASE = """
            local lkey = KEYS[1]
            if redis.call('GET', lkey) == ARGV[2] then
              redis.call('DEL', lkey)
              redis.call('PUBLISH', ARGV[3], 's:' .. ARGV[1])
              return {'released'}
            end
            return {'not-holder'}
            """;

    /**
     * Move a session to a new id: same handle, user, deadlines and step-ups; tokens re-encrypted for the new hash.
     * Never while a refresh is in flight (its new tokens would be written under the old, tombstoned id and lost):
     * then it answers {'leased', pttl} and the caller waits for the lease.
     * With a rotation key (ARGV[8], '' for none), the new id, sealed (ARGV[9]), is kept for ARGV[10] ms, so the caller's
     * retry of the same rotation (its answer was lost) gets {'again', sealedNewId} instead of a tombstone: rotation is
     * idempotent per key. Another key, or none, after the rotation sees the tombstone as before.
     * ARGV: base, oldHash, idleMs, tombMs, newHash, expectedVersion, newCiphertext, rotationKey, sealedNewId, replayMs.
     * Returns {'rotated'}, {'again', sealedNewId}, {'stale', current}, {'leased', pttl}, {'collision'} or what
     * {@code missing} returns.
     */
    static final String ROTATE = COMMON + """
            local old, idle_ms, tomb_ms, new, expected, sealed = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6], ARGV[7]
            local rotation_key, sealed_new, replay_ms = ARGV[8], ARGV[9], tonumber(ARGV[10])
            local okey, nkey = key('session', old), key('session', new)
            local rkey = key('rotation', old)
            if redis.call('EXISTS', okey) == 0 then
              if rotation_key ~= '' then
                local done = redis.call('GET', rkey)
                if done and string.sub(done, 1, #rotation_key + 1) == rotation_key .. '|' then
                  return {'again', string.sub(done, #rotation_key + 2)}
                end
              end
              return missing(old, tomb_ms)
            end
            local lkey = key('lease', old)
            if redis.call('EXISTS', lkey) == 1 then return {'leased', tostring(math.max(1, redis.call('PTTL', lkey)))} end
            local current = redis.call('HGET', okey, 'tokenVersion')
            if current ~= expected then return {'stale', current} end
            local f = redis.call('HMGET', okey, 'absoluteExpiresAt', 'sub', 'sid', 'createdAt')
            local abs_at = tonumber(f[1])
            if not redis.call('SET', key('id', new), 'live:' .. abs_at, 'NX', 'PX', math.max(1, abs_at - now) + tomb_ms) then
              return {'collision'}
            end
            redis.call('COPY', okey, nkey)
            redis.call('HSET', nkey, 'tokens', sealed, 'lastSeenAt', now)
            redis.call('PEXPIRE', nkey, math.max(1, math.min(idle_ms, abs_at - now)))
            redis.call('ZADD', key('user', f[2]), tonumber(f[4]), new)
            if f[3] and f[3] ~= '' then redis.call('SADD', key('sid', f[3]), new) end
            end_session(old, 'rotated', tomb_ms, true)
            if rotation_key ~= '' then redis.call('SET', rkey, rotation_key .. '|' .. sealed_new, 'PX', replay_ms) end
            return {'rotated'}
            """;

    /** End one session. ARGV: base, hash, reason, tombMs. Returns {'terminated', handle} or what {@code missing} returns. */
    static final String TERMINATE = COMMON + """
            local hash, reason, tomb_ms = ARGV[2], ARGV[3], tonumber(ARGV[4])
            if redis.call('EXISTS', key('session', hash)) == 0 then return missing(hash, tomb_ms) end
            return {'terminated', end_session(hash, reason, tomb_ms)}
            """;

    /**
     * End a user's sessions: all, all but one handle, or just one handle.
     * ARGV: base, sub, onlyHandle (or ''), exceptHandle (or ''), reason, tombMs. Returns the ended handles.
     */
    static final String END_USER_SESSIONS = COMMON + """
            local sub, only, except, reason, tomb_ms = ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
            local ended = {}
            for _, h in ipairs(redis.call('ZRANGE', key('user', sub), 0, -1)) do
              local handle = redis.call('HGET', key('session', h), 'handle')
              if not handle then
                redis.call('ZREM', key('user', sub), h)
              elseif (only == '' or handle == only) and handle ~= except then
                table.insert(ended, end_session(h, reason, tomb_ms))
              end
            end
            -- Every ended session was named already; the user too, so a BFF drops all it holds of them at once.
            if only == '' then redis.call('PUBLISH', changes, 'u:' .. sub) end
            return ended
            """;

    /** End every session of one Keycloak session. ARGV: base, sid, reason, tombMs. Returns the ended handles. */
    static final String END_IDP_SESSION = COMMON + """
            local sid, reason, tomb_ms = ARGV[2], ARGV[3], tonumber(ARGV[4])
            local ended = {}
            for _, h in ipairs(redis.call('SMEMBERS', key('sid', sid))) do
              if redis.call('EXISTS', key('session', h)) == 1 then
                table.insert(ended, end_session(h, reason, tomb_ms))
              end
            end
            redis.call('DEL', key('sid', sid))
            return ended
            """;

    /**
     * Store a step-up entry for an idempotency key, living as long as the session. Each value is
     * {@code <stored-at ms>|<ciphertext>}, or {@code <stored-at ms>|A|<ciphertext>} for an entry that holds an approval
     * (a step-up token: the flag is all that is readable); a session holds at most maxEntries, and a new one evicts the
     * oldest (a customer who was refused many payments in one session must not lose the next approval to a full store).
     * keepApproved '1': an entry holding an approval stays as it is (a parallel refusal never replaces an approval).
     * ARGV: base, hash, idleMs, tombMs, idempotencyKey, ciphertext, maxEntries, approved ('A' or ''), keepApproved.
     * Returns {'stored'}, {'stored', evictedKey} or {'kept'}.
     */
    static final String PUT_STEP_UP = COMMON + """
            local hash, idle_ms, tomb_ms, entry_key, sealed, max_entries = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6], tonumber(ARGV[7])
            local skey = key('session', hash)
            if redis.call('EXISTS', skey) == 0 then return missing(hash, tomb_ms) end
            local skey_ups = key('stepups', redis.call('HGET', skey, 'handle'))
            local approved, keep_approved = ARGV[8], ARGV[9]
            if keep_approved == '1' then
              local stored = redis.call('HGET', skey_ups, entry_key)
              if stored and string.match(stored, '^%d+|A|') then return {'kept'} end
            end
            local evicted = nil
            if redis.call('HEXISTS', skey_ups, entry_key) == 0 and redis.call('HLEN', skey_ups) >= max_entries then
              local all = redis.call('HGETALL', skey_ups)
              local oldest_at = nil
              for i = 1, #all, 2 do
                local at = tonumber(string.match(all[i + 1], '^(%d+)|')) or 0
                if oldest_at == nil or at < oldest_at then oldest_at, evicted = at, all[i] end
              end
              redis.call('HDEL', skey_ups, evicted)
            end
            local flag = ''
            if approved == 'A' then flag = 'A|' end
            redis.call('HSET', skey_ups, entry_key, tostring(now) .. '|' .. flag .. sealed)
            redis.call('PEXPIRE', skey_ups, math.max(1, redis.call('PTTL', skey)))
            changed(hash)
            if evicted then return {'stored', evicted} end
            return {'stored'}
            """;

    /** Read a step-up entry. ARGV: base, hash, idleMs, tombMs, idempotencyKey. Returns {'found', handle, ct} or {'none'}. */
    static final String GET_STEP_UP = COMMON + """
            local hash, idle_ms, tomb_ms, entry_key = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
            local skey = key('session', hash)
            if redis.call('EXISTS', skey) == 0 then return missing(hash, tomb_ms) end
            local handle = redis.call('HGET', skey, 'handle')
            local stored = redis.call('HGET', key('stepups', handle), entry_key)
            if not stored then return {'none'} end
            return {'found', handle, string.match(stored, '^%d+|A|(.*)$') or string.match(stored, '^%d+|(.*)$') or stored}
            """;

    /**
     * Remember a logout token's jti once, for all replicas (SET NX with the token's remaining lifetime).
     * KEYS: the jti's key. ARGV: ttlMs. Returns {'first'} or {'replayed'}.
     */
    static final String REMEMBER_LOGOUT_TOKEN = """
            if redis.call('SET', KEYS[1], '1', 'NX', 'PX', tonumber(ARGV[1])) then return {'first'} end
            return {'replayed'}
            """;

    /**
     * One more event in a fixed window shared by every replica (an abuse limit of DESIGN 8). KEYS: the window's
     * counter. ARGV: limit, windowMs. Returns {'allowed'} or {'refused', pttl}; a refused event is not counted.
     */
    static final String RATE_LIMIT = """
            local window = KEYS[1]
            local limit, window_ms = tonumber(ARGV[1]), tonumber(ARGV[2])
            local count = tonumber(redis.call('GET', window) or '0')
            if count >= limit then return {'refused', tostring(math.max(1, redis.call('PTTL', window)))} end
            if redis.call('INCR', window) == 1 then redis.call('PEXPIRE', window, window_ms) end
            return {'allowed'}
            """;

    /**
     * Remember which user's slot a Keycloak session's BFF sessions are in. KEYS: the sid's tag key. ARGV: tag, ttlMs.
     * Returns {'ok'}.
     */
    static final String REMEMBER_TAG = """
            redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
            return {'ok'}
            """;

    /** Read a Keycloak session's user tag. KEYS: the sid's tag key. Returns {tag} or {}. */
    static final String READ_TAG = """
            local tag = redis.call('GET', KEYS[1])
            if tag then return {tag} end
            return {}
            """;

    /** The sign-in SCA is done. ARGV: base, hash, idleMs, tombMs. Returns {'done'}. */
    static final String LOGIN_SCA_DONE = COMMON + """
            local hash, idle_ms, tomb_ms = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
            local skey = key('session', hash)
            if redis.call('EXISTS', skey) == 0 then return missing(hash, tomb_ms) end
            redis.call('HSET', skey, 'loginScaPending', '0')
            changed(hash)
            return {'done'}
            """;

    /** Forget a step-up entry. ARGV: base, hash, idleMs, tombMs, key. Returns {'deleted'}. */
    static final String DELETE_STEP_UP = COMMON + """
            local hash, idle_ms, tomb_ms, entry_key = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
            local skey = key('session', hash)
            if redis.call('EXISTS', skey) == 0 then return missing(hash, tomb_ms) end
            redis.call('HDEL', key('stepups', redis.call('HGET', skey, 'handle')), entry_key)
            changed(hash)
            return {'deleted'}
            """;

    /** The sessions of a user for listing. ARGV: base, sub. Returns flat [handle, createdAt, lastSeenAt, uses, userAgent]*. */
    static final String LIST_USER_SESSIONS = COMMON + """
            local sub = ARGV[2]
            local out = {}
            for _, h in ipairs(redis.call('ZRANGE', key('user', sub), 0, -1)) do
              local f = redis.call('HMGET', key('session', h), 'handle', 'createdAt', 'lastSeenAt', 'uses', 'userAgent')
              if f[1] then
                for i = 1, 5 do table.insert(out, f[i] or '') end
              end
            end
            return out
            """;
}
