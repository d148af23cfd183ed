package com.bank.auth.mfa.rest;

import static com.bank.auth.mfa.rest.MfaApi.bff;
import static com.bank.auth.mfa.rest.MfaApi.freshLogin;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.LocalUserTokensTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * Activation letters (DESIGN 5, PSD2 RTS Art. 24): only the back office issues them, a first factor needs the code,
 * the code works once, a new letter or five wrong tries void it, and every refusal reads the same.
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
@WithTestResource(LocalUserTokensTestResource.class)
class ActivationLetterTest {

    @Inject
    EntityManager entityManager;

    @Test
    void onlyTheBackOfficeIssuesLettersAndItCanDoNothingElse() {
        String sub = MfaApi.newSub();
        bff().post("/users/{sub}/activation-letters", sub).then().statusCode(403).contentType("application/problem+json");
        RestAssured.given().post("/users/{sub}/activation-letters", sub).then().statusCode(401);
        MfaApi.backOffice().post("/users/{sub}/activation-letters", sub).then().statusCode(201)
                .body("letterId", matchesPattern("[0-9a-f-]{36}")).body("expiresAt", matchesPattern("20\\d\\d-.*Z"))
                .body("$", not(org.hamcrest.Matchers.hasKey("activationCode")));
        // Its token opens nothing of the BFF's: no factors, no challenges, no outbox.
        MfaApi.backOffice().get("/users/{sub}/factors", sub).then().statusCode(403);
        MfaApi.backOffice().body(Map.of("sub", sub, "label", "x")).post("/factors/totp").then().statusCode(403);
        MfaApi.backOffice().body(Map.of("sub", sub, "purpose", "admin")).post("/challenges").then().statusCode(403);
        MfaApi.backOffice().get("/users/{sub}/letter-outbox", sub).then().statusCode(403);
        // And the BFF's client cannot get the onboarding scope.
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> Keycloak.local().clientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa:onboarding"));
    }

    @Test
    void aCodeBindsOneFirstFactorOnceAndIsKeptOnlyAsAKeyedHash() {
        String sub = MfaApi.newSub();
        String code = MfaApi.newLetter(sub);
        org.hamcrest.MatcherAssert.assertThat(code, matchesPattern("[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}"));
        String stored = (String) entityManager.createNativeQuery("select code_hash from mfa.activation_code where sub = ?1")
                .setParameter(1, sub).getSingleResult();
        assertFalse(stored.contains(code.replace("-", "")), "only a keyed hash is stored");

        MfaApi.App app = enrol(sub, code);
        bff().body(Map.of("sub", sub, "code", app.code(0))).post("/factors/{id}/confirm", app.factorId()).then().statusCode(200);
        bff().get("/users/{sub}/security-events", sub).then()
                .body("type", hasItems("activation-letter-sent", "activation-code-used", "factor-added"));
        // Spent: another first factor of someone who lost theirs needs a new letter (and this user has one now anyway).
        assertEquals("spent", entityManager.createNativeQuery("select status from mfa.activation_code where sub = ?1")
                .setParameter(1, sub).getSingleResult());
    }

    @ParameterizedTest
    @ValueSource(strings = { "lower", "spaces", "no-dash", "o-for-zero" })
    void whatPeopleTypeIsNormalised(String how) {
        String sub = MfaApi.newSub();
        String code = MfaApi.newLetter(sub);
        String typed = switch (how) {
            case "lower" -> code.toLowerCase(Locale.ROOT);
            case "spaces" -> " " + code.replace("-", " ").replaceAll("(.)(?=.)", "$1 ") + " ";
            case "no-dash" -> code.replace("-", "");
            default -> code.replace('0', 'O').replace('1', 'I');
        };
        freshLogin(sub).body(Map.of("sub", sub, "label", "App", "activationCode", typed)).post("/factors/totp").then().statusCode(201);
    }

    @Test
    void aNewLetterVoidsTheOldCodeAndAnotherUsersCodeIsRefusedTheSame() {
        String sub = MfaApi.newSub();
        String old = MfaApi.newLetter(sub);
        String current = MfaApi.newLetter(sub);
        String others = MfaApi.newLetter(MfaApi.newSub());
        for (String code : new String[] { old, others, "ABCDE-FGHJK", "", "x".repeat(41) }) {
            refused(freshLogin(sub).body(Map.of("sub", sub, "label", "App", "activationCode", code)).post("/factors/totp"));
        }
        enrol(sub, current);
    }

    @Test
    void fiveWrongTriesVoidTheCodeAndNothingIsHalfWritten() {
        String sub = MfaApi.newSub();
        String code = MfaApi.newLetter(sub);
        for (int i = 0; i < 5; i++) {
            refused(freshLogin(sub).body(Map.of("sub", sub, "label", "App", "activationCode", "ZZZZZ-ZZZZ" + i)).post("/factors/totp"));
        }
        refused(freshLogin(sub).body(Map.of("sub", sub, "label", "App", "activationCode", code)).post("/factors/totp"));
        bff().get("/users/{sub}/factors", sub).then().body("$", org.hamcrest.Matchers.hasSize(0));
        bff().get("/users/{sub}/security-events", sub).then().body("type", hasItem("activation-code-voided"));
        // A new letter from the back office, and the customer can go on.
        enrol(sub, MfaApi.newLetter(sub));
    }

    @Test
    void aCodeVoidedAfterEnrolmentCannotConfirmTheFactor() {
        String sub = MfaApi.newSub();
        MfaApi.App app = enrol(sub, MfaApi.newLetter(sub));
        MfaApi.newLetter(sub);   // the back office sent a new letter meanwhile: the old code is void
        refused(bff().body(Map.of("sub", sub, "code", app.code(0))).post("/factors/{id}/confirm", app.factorId()));
    }

    private static MfaApi.App enrol(String sub, String code) {
        var enrolment = freshLogin(sub).body(Map.of("sub", sub, "label", "App", "activationCode", code)).post("/factors/totp").then()
                .statusCode(201).extract();
        return new MfaApi.App(enrolment.path("factorId"), enrolment.path("otpauthUri"));
    }

    private static void refused(Response response) {
        response.then().statusCode(403).contentType("application/problem+json").body("type", endsWith("/activation-code-required"))
                .body("detail", equalTo("Your first second factor needs the activation code from the letter we sent you."));
    }
}
