package com.bank.auth.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import com.sun.net.httpserver.HttpServer;

/**
 * Stand-ins for the two token issuers, for tests that need tokens no real issuer would sign (attacks, expired,
 * wrong audience): RSA keys for the realm (PS256 access tokens) and an EC key for mfa-service (ES256 step-up
 * tokens), published as JWKS on a loopback HTTP server that counts every fetch. {@code /attacker/*} answers
 * anything and counts too: a test points {@code jku}/{@code x5u} there and asserts it was never called.
 */
public final class LocalIssuer {

    public static final String REALM_ISSUER = "https://keycloak.test/realms/bank";
    public static final String MFA_ISSUER = "https://mfa.test";

    private static LocalIssuer instance;

    private final HttpServer server;
    private final List<PublicJsonWebKey> realmKeys = new CopyOnWriteArrayList<>();
    private final PublicJsonWebKey mfaKey;
    private final PublicJsonWebKey foreignRealmKey;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private LocalIssuer() throws IOException {
        realmKeys.add(newRsaKey());
        mfaKey = newEcKey();
        foreignRealmKey = newRsaKey();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realm/certs", exchange -> respond(exchange, "realm", jwks(realmKeys)));
        server.createContext("/mfa/jwks", exchange -> respond(exchange, "mfa", jwks(List.of(mfaKey))));
        server.createContext("/attacker", exchange -> respond(exchange, "attacker", jwks(List.of(foreignRealmKey))));
        server.start();
    }

    public static synchronized LocalIssuer get() {
        if (instance == null) {
            try {
                instance = new LocalIssuer();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the local JWKS server", e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String realmJwksUrl() {
        return baseUrl() + "/realm/certs";
    }

    public String mfaJwksUrl() {
        return baseUrl() + "/mfa/jwks";
    }

    public String attackerUrl() {
        return baseUrl() + "/attacker/jwks";
    }

    /** The realm's current signing key (the newest). */
    public PublicJsonWebKey realmKey() {
        return realmKeys.get(realmKeys.size() - 1);
    }

    public PublicJsonWebKey mfaKey() {
        return mfaKey;
    }

    /** A key of another realm: same algorithm, never published here. */
    public PublicJsonWebKey foreignRealmKey() {
        return foreignRealmKey;
    }

    /** Key rotation at the issuer: a new key (new kid) is published beside the old one and signs from now on. */
    public PublicJsonWebKey rotateRealmKey() {
        PublicJsonWebKey key = newRsaKey();
        realmKeys.add(key);
        return key;
    }

    /** A second realm key published beside the current one, which stays the one {@link #realmKey()} signs with. */
    public PublicJsonWebKey publishSecondRealmKey() {
        PublicJsonWebKey key = newRsaKey();
        realmKeys.add(0, key);
        return key;
    }

    /** The issuer withdraws a key from its JWKS, as when it is retired or compromised. */
    public void withdrawRealmKey(PublicJsonWebKey key) {
        realmKeys.remove(key);
    }

    public int hits(String what) {
        return hits.computeIfAbsent(what, k -> new AtomicInteger()).get();
    }

    private void respond(com.sun.net.httpserver.HttpExchange exchange, String what, String body) throws IOException {
        hits.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String jwks(List<PublicJsonWebKey> keys) {
        return keys.stream().map(k -> k.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    private static PublicJsonWebKey newRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RsaJsonWebKey jwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) pair.getPublic());
            jwk.setPrivateKey(pair.getPrivate());
            jwk.setKeyId(UUID.randomUUID().toString());
            jwk.setUse("sig");
            jwk.setAlgorithm("PS256");
            return jwk;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicJsonWebKey newEcKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey((java.security.interfaces.ECPublicKey) pair.getPublic());
            jwk.setPrivateKey(pair.getPrivate());
            jwk.setKeyId(UUID.randomUUID().toString());
            jwk.setUse("sig");
            jwk.setAlgorithm("ES256");
            return jwk;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
