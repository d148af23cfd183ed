package com.bank.auth.session.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Runs the session Lua scripts: {@code EVALSHA} first (one round trip, no script text on the wire), and
 * {@code EVAL} once if Redis does not know the script yet (after a restart or failover). Any Redis failure
 * becomes {@link SessionStoreUnavailableException}: the service fails closed (503), never open.
 */
@ApplicationScoped
public class ScriptRunner {

    private final RedisDataSource redis;

    ScriptRunner(RedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Runs {@code script} with KEYS = {@code keys} (what a Redis Cluster routes by: all in one slot) and ARGV =
     * {@code args}; returns the reply as a flat list of strings.
     */
    public List<String> run(String script, List<String> keys, List<String> args) {
        try {
            return flatten(evaluate(script, keys, args));
        } catch (RuntimeException e) {
            throw new SessionStoreUnavailableException(e);
        }
    }

    private Response evaluate(String script, List<String> keys, List<String> args) {
        String[] evalsha = command(sha1(script), keys, args);
        try {
            return redis.execute("EVALSHA", evalsha);
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
                throw e;
            }
            return redis.execute("EVAL", command(script, keys, args));
        }
    }

    private static String[] command(String scriptOrSha, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(keys.size() + args.size() + 2);
        command.add(scriptOrSha);
        command.add(String.valueOf(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return command.toArray(String[]::new);
    }

    private static List<String> flatten(Response response) {
        List<String> values = new ArrayList<>();
        if (response != null) {
            for (Response item : response) {
                values.add(item == null ? null : item.toString());
            }
        }
        return values;
    }

    static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }
}
