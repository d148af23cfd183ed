package com.bank.auth.common.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The parser Quarkus' bearer-token authentication uses (it replaces smallrye-jwt's default bean): the same
 * verification, remembered per token in a {@link VerifiedTokenCache}. A token signed with a key the issuer has
 * withdrawn from its JWKS ({@link IssuerKeys}) is refused, cached or not. Only the service's own access-token rules
 * ({@link #parse(String)}) are cached; every other use (other rules, explicit keys) goes to smallrye-jwt as it is.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    private final DefaultJWTParser verifier;
    /** Verifiers for the issuer's published key set ({@link IssuerKeys}); null: {@link #verifier} brings its own keys. */
    private final PerKeySet<DefaultJWTParser> byKeySet;
    private final IssuerKeys issuerKeys;
    private final boolean enabled;
    private final Optional<Duration> maxAge;
    private final VerifiedTokenCache cache;
    private final Counter hits;
    private final Counter misses;

    /**
     * The service's access-token rules ({@code mp.jwt.verify.*}) with the keys of {@link IssuerKeys} instead of
     * smallrye-jwt's own fetch of {@code mp.jwt.verify.publickey.location} (jose4j's 20 s timeouts, on a request thread).
     */
    @Inject
    CachingJwtParser(DefaultJWTParser verifier, JWTAuthContextInfo rules, IssuerKeys issuerKeys, TokenCacheConfig config,
            MeterRegistry registry, @ConfigProperty(name = "mp.jwt.verify.token.age") Optional<Long> maxAgeSeconds) {
        this(verifier, new PerKeySet<>(jwks -> new DefaultJWTParser(withKeys(rules, jwks))), issuerKeys, config.enabled(),
                config.maxBytes(), maxAgeSeconds.map(Duration::ofSeconds), registry);
    }

    /** Outside CDI (the bench measures exactly this class): the verifier, its rules and its keys are the caller's. */
    public CachingJwtParser(DefaultJWTParser verifier, IssuerKeys issuerKeys, boolean enabled, long maxBytes, Optional<Duration> maxAge,
            MeterRegistry registry) {
        this(verifier, null, issuerKeys, enabled, maxBytes, maxAge, registry);
    }

    private CachingJwtParser(DefaultJWTParser verifier, PerKeySet<DefaultJWTParser> byKeySet, IssuerKeys issuerKeys, boolean enabled,
            long maxBytes, Optional<Duration> maxAge, MeterRegistry registry) {
        this.verifier = verifier;
        this.byKeySet = byKeySet;
        this.issuerKeys = issuerKeys;
        this.enabled = enabled;
        this.maxAge = maxAge;
        this.cache = new VerifiedTokenCache(maxBytes, Clock.systemUTC());
        issuerKeys.onWithdrawal(withdrawnKids -> cache.forgetKeys(withdrawnKids::contains));
        this.hits = Counter.builder("bank.token.cache").tag("result", "hit")
                .description("Access tokens served from the verified-token cache (hit) or verified in full (miss)").register(registry);
        this.misses = Counter.builder("bank.token.cache").tag("result", "miss")
                .description("Access tokens served from the verified-token cache (hit) or verified in full (miss)").register(registry);
        Gauge.builder("bank.token.cache.size", cache, VerifiedTokenCache::size).description("Verified tokens held").register(registry);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        issuerKeys.refreshInBackgroundIfDue();
        if (enabled) {
            VerifiedTokenCache.Verified cached = cache.get(token);
            if (cached != null) {
                if (issuerKeys.withdrawn(cached.kid())) {
                    cache.forgetKeys(issuerKeys::withdrawn);
                    throw withdrawn();
                }
                hits.increment();
                return cached.token();
            }
            misses.increment();
        }
        JoseHeader header = JoseHeader.of(token);
        if (issuerKeys.withdrawn(header.kid())) {
            throw withdrawn();
        }
        JsonWebToken verified = verifierFor(header.kid()).parse(token);
        if (enabled) {
            cache.put(token, verified, header.kid(), header.type(), cacheableUntil(verified));
        }
        return verified;
    }

    private DefaultJWTParser verifierFor(String kid) throws ParseException {
        if (byKeySet == null) {
            return verifier;
        }
        IssuerKeys.KeySet keys = issuerKeys.keySetWith(kid, IssuerKeys.UNKNOWN_KID_WAIT);
        if (keys == null) {
            throw new ParseException("the issuer's keys could not be fetched yet");
        }
        return byKeySet.forKeys(keys);
    }

    /** {@code rules} with the keys given as a JWKS document rather than fetched from a location. */
    public static JWTAuthContextInfo withKeys(JWTAuthContextInfo rules, String jwks) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(rules);
        info.setPublicKeyLocation(null);
        info.setPublicKeyContent(jwks);
        return info;
    }

    /**
     * The JOSE {@code typ} of a token this parser verified (AccessTokenRulesAugmentor's check), from the cache when it
     * is there: reading the header again costs as much as a cache hit saves.
     */
    public String headerType(String token) {
        VerifiedTokenCache.Verified cached = enabled ? cache.get(token) : null;
        return cached != null ? cached.type() : JoseHeader.of(token).type();
    }

    /** The token's exp, or its allowed age after iat if that ends sooner; never the verifier's leeway. */
    private Instant cacheableUntil(JsonWebToken token) {
        Instant expires = Instant.ofEpochSecond(token.getExpirationTime());
        if (maxAge.isPresent()) {
            Instant ageLimit = Instant.ofEpochSecond(token.getIssuedAtTime()).plus(maxAge.get());
            return ageLimit.isBefore(expires) ? ageLimit : expires;
        }
        return expires;
    }

    private static ParseException withdrawn() {
        return new ParseException("the token's signing key was withdrawn from the issuer's JWKS");
    }

    /** How many verified tokens are held (tests, the size gauge). */
    public long cachedTokens() {
        return cache.size();
    }

    /** Empties the cache: the bench's cold path, and an operator's lever (nothing calls it on the request path). */
    public void forgetAll() {
        cache.forgetKeys(kid -> true);
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
