package com.bank.auth.payments.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.Test;

import com.bank.auth.common.security.CachingJwtParser;
import com.bank.auth.common.security.IssuerKeys;
import com.bank.auth.testing.LocalIssuer;
import com.bank.auth.testing.LocalIssuerTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.TestTokens;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;

/**
 * The verified-token cache never accepts what the full verification refuses: a token one byte off a cached one, a
 * cached token past its exp, another audience, a key the issuer withdrew. (TokenAttacksTest runs with the cache on
 * too: it is on by default.) A 1 s clock leeway here, so "expired" soon means refused by the full verification as
 * well (smallrye-jwt reads 0 as "unset" and then allows 60 s).
 */
@QuarkusTest
@TestProfile(VerifiedTokenCacheTest.OneSecondLeeway.class)
@WithTestResource(LocalIssuerTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class VerifiedTokenCacheTest {

    public static class OneSecondLeeway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.clock.skew", "1");
        }
    }

    private final LocalIssuer issuer = LocalIssuer.get();

    @Inject
    CachingJwtParser parser;

    @Inject
    IssuerKeys issuerKeys;

    @Inject
    MeterRegistry registry;

    @Test
    void theSameTokenAgainIsServedFromTheCache() {
        String token = TestTokens.user(TestTokens.ALICE);
        accepted(token);
        double hits = hits();
        accepted(token);
        accepted(token);
        assertEquals(hits + 2, hits(), "the repeats were not served from the cache");
    }

    @Test
    void aTokenOneByteOffACachedOneIsRefused() {
        String token = TestTokens.user(TestTokens.ALICE);
        accepted(token);
        int firstDot = token.indexOf('.'), lastDot = token.lastIndexOf('.');
        // One character changed in the header, in the claims and in the signature; and one appended.
        for (int at : new int[] { 5, firstDot + 20, lastDot + 30, token.length() - 2 }) {
            char other = token.charAt(at) == 'A' ? 'B' : 'A';
            refused(token.substring(0, at) + other + token.substring(at + 1));
        }
        refused(token + "A");
        refused(token.substring(0, lastDot + 1));
        accepted(token);
    }

    @Test
    void aCachedTokenIsRefusedOnceItExpires() throws InterruptedException {
        Instant now = Instant.now();
        Instant exp = Instant.ofEpochSecond(now.getEpochSecond() + 2);
        String token = TestTokens.sign(TestTokens.userClaims(TestTokens.ALICE).issuedAt(now).expiresAt(exp));
        accepted(token);
        double hits = hits();
        accepted(token);
        assertEquals(hits + 1, hits());
        Thread.sleep(Math.max(0, exp.toEpochMilli() - System.currentTimeMillis()) + 2100);
        refused(token);
    }

    @Test
    void anotherAudienceIsRefusedAndNeverCached() {
        String token = TestTokens.sign(TestTokens.userClaims(TestTokens.ALICE).audience("session-service"));
        long cached = parser.cachedTokens();
        refused(token);
        refused(token);
        assertEquals(cached, parser.cachedTokens());
    }

    @Test
    void tokensOfAKeyTheIssuerWithdrewAreRefusedCachedOrNot() {
        PublicJsonWebKey second = issuer.publishSecondRealmKey();
        try {
            issuerKeys.refresh();
            String cached = signedWith(second);
            String notYetSeen = signedWith(second);
            accepted(cached);
            accepted(cached);

            issuer.withdrawRealmKey(second);
            issuerKeys.refresh();
            refused(cached);
            // smallrye-jwt alone would still accept this one until it re-reads the JWKS (up to an hour later).
            refused(notYetSeen);
            accepted(TestTokens.user(TestTokens.ALICE));
        } finally {
            issuer.withdrawRealmKey(second);
        }
    }

    private static String signedWith(PublicJsonWebKey key) {
        return TestTokens.userClaims(TestTokens.ALICE).jws().algorithm(SignatureAlgorithm.PS256).keyId(key.getKeyId())
                .header("typ", "at+jwt").sign(key.getPrivateKey());
    }

    private double hits() {
        return registry.counter("bank.token.cache", "result", "hit").count();
    }

    private static void accepted(String token) {
        given().auth().oauth2(token).get("/accounts").then().statusCode(200);
    }

    private static void refused(String token) {
        given().header("Authorization", "Bearer " + token).get("/accounts").then().statusCode(401);
    }
}
