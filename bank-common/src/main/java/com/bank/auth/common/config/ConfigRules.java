package com.bank.auth.common.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The start-time rules for settings that are easy to get wrong and fail late (a trailing slash in an origin makes every
 * POST a 403; a read timeout above the budget lets a hung dependency hang the user). Each rule names the key in its
 * {@link InvalidConfigurationException}; services call them from their {@code StartupConfigCheck}.
 */
public final class ConfigRules {

    private ConfigRules() {
    }

    /** An absolute http(s) URL with a host, no query or fragment and no trailing slash (paths are appended to it). */
    public static String baseUrl(String key, String value) {
        URI uri = parse(key, value, "an http(s) URL such as https://bank.example/realms/bank");
        if (uri.getRawPath() != null && uri.getRawPath().endsWith("/")) {
            throw new InvalidConfigurationException(key, "'" + value + "' ends with '/': drop it (paths are appended to this URL)");
        }
        return value;
    }

    /** An absolute http(s) URL of an endpoint (a trailing slash allowed), no query or fragment. */
    public static String url(String key, String value) {
        parse(key, value, "an http(s) URL such as https://sms.example/v1/messages");
        return value;
    }

    /** A browser origin: scheme, host and optional port, exactly as browsers send it in {@code Origin}. */
    public static String origin(String key, String value) {
        URI uri = parse(key, value, "an origin such as https://bank.example");
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            throw new InvalidConfigurationException(key, "'" + value + "' has a path" + (uri.getRawPath().equals("/") ? " (a trailing '/')" : "")
                    + ": an origin is scheme://host[:port] only, e.g. https://bank.example, or every browser POST is refused");
        }
        return value;
    }

    public static Duration positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new InvalidConfigurationException(key, value + " must be positive");
        }
        return value;
    }

    /** {@code value} strictly below {@code limit} (another setting or a rule of DESIGN.md). */
    public static Duration below(String key, Duration value, String limitName, Duration limit) {
        positive(key, value);
        if (value.compareTo(limit) >= 0) {
            throw new InvalidConfigurationException(key, value + " must be below " + limitName + " (" + limit + ")");
        }
        return value;
    }

    /**
     * DESIGN 8, budgets nest: {@code used} (a callee's waits, summed) leaves at least {@code reserve} of the caller's
     * {@code budget} for the rest of the request, so the caller never gives up on work that then completes behind it.
     */
    public static void nested(String usedKeys, Duration used, Duration reserve, String budgetKey, Duration budget) {
        if (used.plus(reserve).compareTo(budget) > 0) {
            throw new InvalidConfigurationException(usedKeys, used + " must leave " + reserve + " of " + budgetKey + " (" + budget
                    + ") for the rest of the request (DESIGN 8: budgets nest)");
        }
    }

    /** DESIGN 8: connecting to a dependency takes at most 2 s. */
    public static final Duration MAX_CONNECT = Duration.ofSeconds(2);
    /** DESIGN 8: a dependency answers within 5 s, or the user gets a 503. */
    public static final Duration MAX_ANSWER = Duration.ofSeconds(5);

    /** A dependency's time budget within DESIGN 8: connect at most 2 s, answer at most 5 s. */
    public static void timeBudget(String connectKey, Duration connect, String readKey, Duration read) {
        atMost(connectKey, connect, "DESIGN 8: a hung dependency gives the user a 503 within seconds", MAX_CONNECT);
        atMost(readKey, read, "DESIGN 8: a hung dependency gives the user a 503 within seconds", MAX_ANSWER);
    }

    /** {@code value} positive and at most {@code max}, {@code why} saying which rule sets the limit. */
    public static Duration atMost(String key, Duration value, String why, Duration max) {
        positive(key, value);
        if (value.compareTo(max) > 0) {
            throw new InvalidConfigurationException(key, value + " must be at most " + max + " (" + why + ")");
        }
        return value;
    }

    /**
     * A Base64 secret key of at least {@code minBits}, or a random one when {@code allowEphemeral} (dev, test, local),
     * else a refusal naming the key to set. The value of the key never appears in a message.
     */
    public static byte[] secretKey(String key, Optional<String> base64, int minBits, boolean allowEphemeral) {
        if (base64.isEmpty() || base64.get().isBlank()) {
            if (!allowEphemeral) {
                throw new InvalidConfigurationException(key, "missing: set it to the Base64 of " + minBits / 8 + " random bytes "
                        + "(e.g. head -c " + minBits / 8 + " /dev/urandom | base64), the same on every replica");
            }
            byte[] random = new byte[minBits / 8];
            new java.security.SecureRandom().nextBytes(random);
            return random;
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.get().trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, "is not Base64");
        }
        if (raw.length * 8 < minBits) {
            throw new InvalidConfigurationException(key, "is " + raw.length * 8 + " bits; at least " + minBits + " are needed");
        }
        return raw;
    }

    private static URI parse(String key, String value, String example) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new InvalidConfigurationException(key, "'" + value + "' is not " + example);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationException(key, "'" + value + "' is not " + example);
        }
    }
}
