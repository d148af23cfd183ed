package com.bank.auth.session.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;

/** Reads the sessions a user has, as the user may see them (public handle, never the id). */
@ApplicationScoped
public class UserSessionsService {

    public record SessionSummary(String handle, Instant createdAt, Instant lastSeenAt, long uses, String userAgent) {
    }

    private final SessionKeys keys;
    private final SortedSetCommands<String, String> sortedSets;
    private final HashCommands<String, String, String> hashes;

    UserSessionsService(RedisDataSource redis, SessionKeys keys) {
        this.keys = keys;
        this.sortedSets = redis.sortedSet(String.class);
        this.hashes = redis.hash(String.class);
    }

    public List<SessionSummary> sessionsOf(String sub) {
        return sortedSets.zrange(keys.userSessions(sub), 0, -1).stream()
                .map(hash -> hashes.hgetall(keys.session(hash)))
                .filter(fields -> !fields.isEmpty())
                .map(UserSessionsService::summary)
                .filter(Objects::nonNull)
                .toList();
    }

    private static SessionSummary summary(Map<String, String> fields) {
        return new SessionSummary(fields.get("handle"),
                Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("createdAt", "0"))),
                Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("lastSeenAt", "0"))),
                Long.parseLong(fields.getOrDefault("uses", "0")),
                fields.get("userAgent"));
    }
}
