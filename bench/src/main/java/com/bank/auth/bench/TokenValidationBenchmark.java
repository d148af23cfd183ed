package com.bank.auth.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import com.bank.auth.common.security.CachingJwtParser;
import com.bank.auth.common.security.IssuerKeys;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;

/**
 * B1: CPU per request spent validating a user access token as payments-service does (bank-common's
 * CachingJwtParser over smallrye-jwt with the service's rules: PS256, issuer, audience, clock skew, groups path),
 * against the floor: one raw JDK RSASSA-PSS verification of the same signature. The token is shaped like
 * Keycloak's (same claims, sizes and header).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenValidationBenchmark {

    static final String ISSUER = "http://localhost:8180/realms/bank";
    private static final PSSParameterSpec PSS = new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

    private KeyPair keys;
    private String token;
    private byte[] signingInput;
    private byte[] signature;
    private CachingJwtParser parser;
    private String[] freshTokens;
    private int next;

    @Setup
    public void setUp() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        token = keycloakShapedToken();
        int dot = token.lastIndexOf('.');
        signingInput = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        JWTAuthContextInfo rules = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        rules.setExpectedAudience(Set.of("payments-api"));
        rules.setSignatureAlgorithm(Set.of(SignatureAlgorithm.PS256));
        rules.setClockSkew(30);
        rules.setGroupsPath("realm_access/roles");
        // No JWKS here (the key is given): the issuer's key list is never fetched within the run.
        IssuerKeys noJwks = new IssuerKeys("http://127.0.0.1:9/no-jwks", Duration.ofDays(1));
        parser = new CachingJwtParser(new DefaultJWTParser(rules), noJwks, true, 16 << 20, Optional.empty(), new SimpleMeterRegistry());
        // Tokens never seen before, for the cold path: signed up front, outside the measurement.
        freshTokens = new String[2000];
        for (int i = 0; i < freshTokens.length; i++) {
            freshTokens[i] = keycloakShapedToken();
        }
    }

    /** The floor: verifying the signature alone, with the JDK's provider. */
    @Benchmark
    public boolean rawRsassaPssVerify() throws Exception {
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(PSS);
        verifier.initVerify(keys.getPublic());
        verifier.update(signingInput);
        return verifier.verify(signature);
    }

    /** A token the service has not seen: the full validation, and its entry in the cache (emptied first, counted too). */
    @Benchmark
    public JsonWebToken coldToken() throws ParseException {
        String fresh = freshTokens[next];
        next = (next + 1) % freshTokens.length;
        parser.forgetAll();
        return parser.parse(fresh);
    }

    /** The same token again, as the BFF sends one access token for up to two minutes. */
    @Benchmark
    public JsonWebToken repeatedToken() throws ParseException {
        return parser.parse(token);
    }

    private String keycloakShapedToken() {
        Instant now = Instant.now();
        return Jwt.claims()
                .issuer(ISSUER)
                .subject(UUID.randomUUID().toString())
                .audience(Set.of("payments-api", "session-service", "mfa-service"))
                .issuedAt(now)
                .expiresAt(now.plusSeconds(3600))
                .claim("jti", "onrtac:" + UUID.randomUUID())
                .claim("typ", "Bearer")
                .claim("azp", "bank-bff")
                .claim("sid", UUID.randomUUID().toString())
                .claim("acr", "1")
                .claim("allowed-origins", List.of("http://localhost:8080"))
                .claim("realm_access", Map.of("roles", List.of("USER", "offline_access", "uma_authorization")))
                .claim("scope", "openid profile email")
                .claim("email_verified", true)
                .claim("name", "Alice Example")
                .claim("preferred_username", "alice")
                .claim("given_name", "Alice")
                .claim("family_name", "Example")
                .claim("email", "alice@bank.example")
                .jws().algorithm(SignatureAlgorithm.PS256).keyId("bench-signing-key").header("typ", "at+jwt")
                .sign(keys.getPrivate());
    }
}
