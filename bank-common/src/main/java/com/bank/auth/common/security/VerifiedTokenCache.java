package com.bank.auth.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Access tokens this service has already verified, so the same token (the BFF sends one for up to two minutes) is
 * not verified again on every request. The rules, each of which keeps the cache from accepting anything the full
 * verification would refuse:
 * <ul>
 * <li>keyed by the SHA-256 of the whole compact token, and a hit must equal the token byte for byte: a token that
 * differs in any byte (claims, header or signature) is a miss and is verified in full;</li>
 * <li>only tokens that passed the full verification are put in;</li>
 * <li>an entry lives until the token's {@code exp} (or its allowed age, if shorter), never longer; the leeway the
 * verifier allows after {@code exp} is never granted from the cache;</li>
 * <li>bounded by memory (an estimate per entry); the least valuable entries go first;</li>
 * <li>entries of a signing key the issuer withdrew are dropped ({@link #forgetKeys}).</li>
 * </ul>
 */
public final class VerifiedTokenCache {

    /** What a verified token holds besides its text: the parsed claims and the JSON behind them. */
    private static final int OVERHEAD_PER_CHAR = 3;
    private static final int OVERHEAD_PER_ENTRY = 512;

    private record Entry(String rawToken, JsonWebToken token, String kid, String type, Instant expiresAt) {
    }

    /** A cached verification: the token, the key id it was signed with and its JOSE {@code typ}. */
    public record Verified(JsonWebToken token, String kid, String type) {
    }

    private final Cache<String, Entry> entries;
    private final Clock clock;

    public VerifiedTokenCache(long maxBytes, Clock clock) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                // Maintenance (eviction, expiry) on the calling thread: no hand-off to the common pool per write.
                .executor(Runnable::run)
                .maximumWeight(maxBytes)
                .weigher((String key, Entry entry) -> entry.rawToken().length() * OVERHEAD_PER_CHAR + OVERHEAD_PER_ENTRY)
                .expireAfter(new Expiry<String, Entry>() {
                    @Override
                    public long expireAfterCreate(String key, Entry entry, long currentTime) {
                        return Math.max(0, Duration.between(clock.instant(), entry.expiresAt()).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, entry, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** The verification of exactly this text, if it is cached and the token has not expired; otherwise null. */
    public Verified get(String rawToken) {
        Entry entry = entries.getIfPresent(key(rawToken));
        if (entry == null || !clock.instant().isBefore(entry.expiresAt()) || !entry.rawToken().equals(rawToken)) {
            return null;
        }
        return new Verified(entry.token(), entry.kid(), entry.type());
    }

    /** Remembers a token that passed the full verification, until {@code expiresAt}. */
    public void put(String rawToken, JsonWebToken verified, String kid, String type, Instant expiresAt) {
        if (clock.instant().isBefore(expiresAt)) {
            entries.put(key(rawToken), new Entry(rawToken, verified, kid, type, expiresAt));
        }
    }

    public void forget(String rawToken) {
        entries.invalidate(key(rawToken));
    }

    /** Drops every token signed with a key id that matches. */
    public void forgetKeys(Predicate<String> kid) {
        entries.asMap().values().removeIf(entry -> kid.test(entry.kid()));
    }

    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }

    private static String key(String rawToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rawToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
