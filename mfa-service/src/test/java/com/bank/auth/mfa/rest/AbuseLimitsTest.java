package com.bank.auth.mfa.rest;

import static com.bank.auth.mfa.rest.MfaApi.bff;
import static com.bank.auth.mfa.rest.MfaApi.freshLogin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.bank.auth.mfa.service.Purge;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.LocalUserTokensTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * DESIGN 8's abuse limits past their edges, with small limits and windows of seconds (the defaults are minutes and
 * days): a 429 problem with Retry-After, nothing half-written, and the same call working again after the window.
 */
@QuarkusTest
@TestProfile(AbuseLimitsTest.SmallLimits.class)
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
@WithTestResource(LocalUserTokensTestResource.class)
class AbuseLimitsTest {

    static final Duration WINDOW = Duration.ofSeconds(3);

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(Map.entry("mfa.challenge.rate-limit", "3"), Map.entry("mfa.challenge.rate-window", "3S"),
                    Map.entry("mfa.challenge.max-open", "2"), Map.entry("mfa.sms.number-limit", "2"),
                    Map.entry("mfa.sms.number-window", "3S"), Map.entry("mfa.enrolment.limit", "2"),
                    Map.entry("mfa.enrolment.window", "3S"), Map.entry("mfa.enrolment.max-pending", "5"));
        }
    }

    @Inject
    EntityManager entityManager;

    @Inject
    Purge purge;

    @Test
    void challengesPastTheRateLimitAre429UntilTheWindowHasPassed() {
        String sub = MfaApi.newSub();
        MfaApi.activeTotp(sub);
        for (int i = 0; i < 3; i++) {
            bff().body(Map.of("sub", sub, "purpose", "admin")).post("/challenges").then().statusCode(201);
        }
        long before = challenges(sub);
        limited(bff().body(Map.of("sub", sub, "purpose", "admin")).post("/challenges"), "challenges");
        assertEquals(before, challenges(sub), "nothing was created");
        afterTheWindow();
        bff().body(Map.of("sub", sub, "purpose", "admin")).post("/challenges").then().statusCode(201);
    }

    @Test
    void openChallengesAreFewTheOldestEndingFirst() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        String first = challenge(sub);
        String second = challenge(sub);
        String third = challenge(sub);   // two may be open: the first ends
        bff().body(Map.of("sub", sub, "code", app.code(0))).post("/challenges/{id}/verify", first).then().statusCode(410);
        bff().body(Map.of("sub", sub, "code", app.code(0))).post("/challenges/{id}/verify", third).then().statusCode(200);
        assertEquals("open", entityManager.createNativeQuery("select status from mfa.challenge where id = cast(?1 as uuid)")
                .setParameter(1, second).getSingleResult());
    }

    @Test
    void textsToOneNumberAreLimitedWhoeverAsksAndNoFactorIsLeftPending() {
        String number = MfaApi.newPhone();
        for (int i = 0; i < 2; i++) {
            String sub = MfaApi.newSub();
            freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Phone", "phoneNumber", number))).post("/factors/sms").then().statusCode(201);
        }
        String pumper = MfaApi.newSub();
        limited(freshLogin(pumper).body(MfaApi.firstFactor(pumper, Map.of("label", "Phone", "phoneNumber", number))).post("/factors/sms"),
                "sms-number");
        bff().get("/users/{sub}/factors", pumper).then().body("$", hasSize(0));
        afterTheWindow();
        freshLogin(pumper).body(MfaApi.firstFactor(pumper, Map.of("label", "Phone", "phoneNumber", number))).post("/factors/sms").then().statusCode(201);
    }

    @Test
    void smsFactorsOnlyForNumbersOfAllowedCountries() {
        String sub = MfaApi.newSub();
        // +1 (North America), +882 (international networks: satellite, premium), not a number at all.
        for (String number : new String[] { "+12025550143", "+8823400012345", "+49 151 1234", "4915112345678" }) {
            Response refused = freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Phone", "phoneNumber", number))).post("/factors/sms");
            refused.then().statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("phoneNumber"));
        }
        freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Phone", "phoneNumber", "+12025550143"))).post("/factors/sms").then()
                .body("type", endsWith("/sms-country-not-allowed"));
        // Spaces as people type them are fine for an allowed country.
        freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Phone", "phoneNumber", "+33 6 12 34 56 78"))).post("/factors/sms").then()
                .statusCode(201);
        bff().get("/users/{sub}/factors", sub).then().body("$", hasSize(1));
    }

    @Test
    void enrolmentsStartedAreLimitedAndCancellingOneGivesNothingBack() {
        String sub = MfaApi.newSub();
        String first = freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "One"))).post("/factors/totp").then().statusCode(201)
                .extract().path("factorId");
        freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Two"))).post("/factors/totp").then().statusCode(201);
        bff().queryParam("sub", sub).delete("/factors/{id}", first).then().statusCode(204);
        limited(freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Three"))).post("/factors/totp"), "enrolments");
        bff().get("/users/{sub}/factors", sub).then().body("$", hasSize(1));
        afterTheWindow();
        freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Three"))).post("/factors/totp").then().statusCode(201);
    }

    @Test
    void thePurgeJobRemovesWhatHasServedAndKeepsWhatStillCounts() {
        String sub = MfaApi.newSub();
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            sql("insert into mfa.sms_sent (sub, sent_at) values (?1, ?2)", sub, now.minus(Duration.ofDays(2)));
            sql("insert into mfa.sms_sent (sub, sent_at) values (?1, ?2)", sub, now);
            sql("insert into mfa.sms_outbox (id, sub, to_number, text, sent_at) values (?1, ?2, '+4915112345678', 'old', ?3)",
                    UUID.randomUUID(), sub, now.minus(Duration.ofDays(2)));
            sql("insert into mfa.sms_outbox (id, sub, to_number, text, sent_at) values (?1, ?2, '+4915112345678', 'new', ?3)",
                    UUID.randomUUID(), sub, now);
            sql("insert into mfa.enrolment_started (sub, started_at) values (?1, ?2)", sub, now.minus(Duration.ofDays(2)));
            sql("insert into mfa.security_event (sub, type, occurred_at) values (?1, 'factor-added', ?2)", sub, now.minus(Duration.ofDays(400)));
            sql("insert into mfa.security_event (sub, type, occurred_at) values (?1, 'factor-added', ?2)", sub, now.minus(Duration.ofDays(300)));
            sql("insert into mfa.activation_code (id, sub, code_hash, status, created_at, expires_at, ended_at) "
                    + "values (?1, ?2, 'x', 'spent', ?3, ?4, ?3)", UUID.randomUUID(), sub, now.minus(Duration.ofDays(3)), now.plus(Duration.ofDays(10)));
            sql("insert into mfa.activation_code (id, sub, code_hash, status, created_at, expires_at) "
                    + "values (?1, ?2, 'y', 'active', ?3, ?4)", UUID.randomUUID(), sub, now, now.plus(Duration.ofDays(14)));
        });
        // What is left is what counts (the scheduled run may have taken some rows first: the statements are idempotent).
        purge.run(now);
        assertEquals(1L, count("select count(*) from mfa.sms_sent where sub = ?1", sub), "a text of today still counts");
        assertEquals(1L, count("select count(*) from mfa.sms_outbox where sub = ?1", sub), "the demo SMS of today stays readable");
        assertEquals(0L, count("select count(*) from mfa.enrolment_started where sub = ?1", sub));
        assertEquals(1L, count("select count(*) from mfa.security_event where sub = ?1", sub), "10 months old: kept (13 months)");
        assertEquals(1L, count("select count(*) from mfa.activation_code where sub = ?1 and status = 'active'", sub));
        assertEquals(0L, count("select count(*) from mfa.activation_code where sub = ?1 and status = 'spent'", sub));
    }

    private String challenge(String sub) {
        return bff().body(Map.of("sub", sub, "purpose", "admin")).post("/challenges").then().statusCode(201).extract().path("challengeId");
    }

    private long challenges(String sub) {
        return count("select count(*) from mfa.challenge where sub = ?1", sub);
    }

    private long count(String sql, Object parameter) {
        return ((Number) entityManager.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue();
    }

    private void sql(String sql, Object... parameters) {
        var query = entityManager.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        query.executeUpdate();
    }

    private static void limited(Response response, String limit) {
        response.then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("type", endsWith("/rate-limited")).body("limit", equalTo(limit));
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= WINDOW.toSeconds() + 1, "Retry-After within the window: " + retryAfter);
    }

    private static void afterTheWindow() {
        await().pollDelay(WINDOW.plusMillis(200)).atMost(WINDOW.plusSeconds(3)).until(() -> true);
    }
}
