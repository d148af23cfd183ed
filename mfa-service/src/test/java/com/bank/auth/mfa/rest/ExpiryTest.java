package com.bank.auth.mfa.rest;

import static com.bank.auth.mfa.rest.MfaApi.bff;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.LocalUserTokensTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Challenges and pending enrolments expire for real (short settings here; 5 and 10 minutes by default). */
@QuarkusTest
@TestProfile(ExpiryTest.ShortLives.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
@WithTestResource(LocalUserTokensTestResource.class)
class ExpiryTest {

    public static class ShortLives implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A pending factor lives 6 s: long enough for this app's cold first enrolment and confirmation on a loaded
            // 2-core machine (2 s was not: a clean-clone run expired it before it was confirmed), short enough to wait out.
            return Map.of("mfa.challenge.ttl", "2S", "mfa.totp.pending-ttl", "6S", "mfa.letters.code-ttl", "4S");
        }
    }

    @Test
    void anExpiredChallengeIsGoneEvenWithTheRightCode() {
        String sub = MfaApi.newSub();
        // Early in a TOTP step first: activeTotp waits for that between enrolment and confirmation (up to 5 s, late in a
        // step), and here a pending factor lives only 6 s.
        com.bank.auth.testing.TotpSteps.awaitEarlyInStep();
        MfaApi.App app = MfaApi.activeTotp(sub);
        String id = bff().body(MfaApi.paymentChallenge(sub, UUID.randomUUID().toString())).post("/challenges").then()
                .statusCode(201).extract().path("challengeId");
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        bff().body(Map.of("sub", sub, "code", app.code(0))).post("/challenges/{id}/verify", id).then().statusCode(410);
    }

    @Test
    void aPendingFactorExpires() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.enrolTotp(sub);
        await().pollDelay(Duration.ofMillis(6500)).atMost(Duration.ofSeconds(9)).until(() -> true);
        bff().body(Map.of("sub", sub, "code", app.code(0))).post("/factors/{id}/confirm", app.factorId()).then().statusCode(410);
        bff().get("/users/{sub}/factors", sub).then().body("$", hasSize(0));
    }

    @Test
    void anExpiredActivationCodeIsRefusedLikeAnyOther() {
        String sub = MfaApi.newSub();
        Map<String, Object> body = MfaApi.firstFactor(sub, Map.of("label", "Late app"));
        await().pollDelay(Duration.ofMillis(4500)).atMost(Duration.ofSeconds(7)).until(() -> true);
        MfaApi.freshLogin(sub).body(body).post("/factors/totp").then().statusCode(403)
                .body("type", org.hamcrest.Matchers.endsWith("/activation-code-required"));
    }
}
