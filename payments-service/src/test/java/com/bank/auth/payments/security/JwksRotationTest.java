package com.bank.auth.payments.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.LocalIssuer;
import com.bank.auth.testing.LocalIssuerTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;

/**
 * Keys come only from the realm's JWKS, cached: a rotated key is picked up without a restart (refetch on an
 * unknown kid), and garbage kids cause at most one refetch per interval, never a storm.
 * Own profile, so this class starts with a fresh key cache.
 */
@QuarkusTest
@TestProfile(JwksRotationTest.FreshKeyCache.class)
@WithTestResource(LocalIssuerTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class JwksRotationTest {

    public static class FreshKeyCache implements QuarkusTestProfile {
    }

    private final LocalIssuer issuer = LocalIssuer.get();

    @Test
    void rotationIsPickedUpAndUnknownKidsDoNotStormTheJwks() {
        given().auth().oauth2(TestTokens.user(TestTokens.ALICE)).get("/accounts").then().statusCode(200);
        int afterFirstUse = issuer.hits("realm");
        for (int i = 0; i < 5; i++) {
            given().auth().oauth2(TestTokens.user(TestTokens.ALICE)).get("/accounts").then().statusCode(200);
        }
        assertEquals(afterFirstUse, issuer.hits("realm"), "known keys are served from the cache");

        issuer.rotateRealmKey();
        given().auth().oauth2(TestTokens.user(TestTokens.ALICE)).get("/accounts").then().statusCode(200);
        int afterRotation = issuer.hits("realm");
        assertTrue(afterRotation > afterFirstUse, "the new kid made the service refetch the JWKS");

        for (int i = 0; i < 30; i++) {
            String token = TestTokens.userClaims(TestTokens.ALICE).jws().algorithm(SignatureAlgorithm.PS256)
                    .keyId(UUID.randomUUID().toString()).header("typ", "at+jwt").sign(issuer.foreignRealmKey().getPrivateKey());
            given().auth().oauth2(token).get("/accounts").then().statusCode(401);
        }
        assertTrue(issuer.hits("realm") - afterRotation <= 1,
                "30 unknown kids fetched the JWKS " + (issuer.hits("realm") - afterRotation) + " times");
        given().auth().oauth2(TestTokens.user(TestTokens.ALICE)).get("/accounts").then().statusCode(200);
    }
}
