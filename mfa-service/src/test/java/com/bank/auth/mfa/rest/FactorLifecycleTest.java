package com.bank.auth.mfa.rest;

import static com.bank.auth.mfa.rest.MfaApi.bff;
import static com.bank.auth.mfa.rest.MfaApi.freshLogin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.TestTokens;
import com.bank.auth.testing.LocalUserTokensTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * DESIGN 5, factor lifecycle, enforced by mfa-service itself: with an active factor, adding (TOTP, SMS) or removing a
 * factor needs a factor-change step-up approved with that factor, used once; a fresh login is not enough, nor is an
 * approval of another purpose or user. A first factor needs a login younger than 5 minutes.
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
@WithTestResource(LocalUserTokensTestResource.class)
class FactorLifecycleTest {

    private static final Map<String, String> SMS = Map.of("label", "Mobile", "phoneNumber", MfaApi.newPhone());

    @Test
    void aFirstFactorNeedsARecentLoginFromTheUsersOwnTokenAndTheirActivationCode() {
        String sub = MfaApi.newSub();
        Map<String, Object> body = MfaApi.firstFactor(sub, Map.of("label", "App"));
        bff().body(body).post("/factors/totp").then()
                .statusCode(401).contentType("application/problem+json").body("type", endsWith("/login-required"));
        bff().header("User-Token", TestTokens.userSignedInAt(sub, Instant.now().minus(Duration.ofMinutes(6)))).body(body)
                .post("/factors/totp").then().statusCode(401).body("type", endsWith("/login-required"));
        // Someone else's fresh login, or a token signed by anyone but the realm, is no login of this user.
        bff().header("User-Token", TestTokens.userSignedInAt(MfaApi.newSub(), Instant.now())).body(body)
                .post("/factors/totp").then().statusCode(401).body("type", endsWith("/login-required"));
        bff().header("User-Token", TestTokens.userClaims(sub).claim("auth_time", Instant.now().getEpochSecond()).jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.PS256).keyId("attacker")
                .sign(com.bank.auth.testing.LocalIssuer.get().foreignRealmKey().getPrivateKey())).body(body)
                .post("/factors/totp").then().statusCode(401).body("type", endsWith("/login-required"));
        // A fresh login alone, a password alone: no first factor without the letter's code.
        freshLogin(sub).body(Map.of("sub", sub, "label", "App")).post("/factors/totp").then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("/activation-code-required"));
        freshLogin(sub).body(body).post("/factors/totp").then().statusCode(201);
    }

    @Test
    void withAnActiveFactorAFreshLoginAloneChangesNothing() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        refusedForFactorChange(freshLogin(sub).body(Map.of("sub", sub, "label", "Attacker's app")).post("/factors/totp"));
        refusedForFactorChange(freshLogin(sub).body(with(sub, SMS)).post("/factors/sms"));
        refusedForFactorChange(freshLogin(sub).queryParam("sub", sub).delete("/factors/{id}", app.factorId()));
        bff().get("/users/{sub}/factors", sub).then().body("$", hasSize(1)).body("[0].status", equalTo("active"));
    }

    @Test
    void aFactorChangeApprovalAddsOneFactorOnceAndRemovesWithAnother() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);   // confirmed with the code of step -1

        String approval = MfaApi.factorChangeApproval(sub, app, 0);
        MfaApi.App second = enrolTotp(MfaApi.approved(sub, approval), sub);
        // Confirming the factor it added needs only the new factor's code.
        bff().body(Map.of("sub", sub, "code", second.code(0))).post("/factors/{id}/confirm", second.factorId()).then().statusCode(200);
        // The same approval never works twice (SMS or TOTP).
        refusedForFactorChange(MfaApi.approved(sub, approval).body(with(sub, SMS)).post("/factors/sms"));

        String removal = MfaApi.factorChangeApproval(sub, second, 1);
        MfaApi.approved(sub, removal).queryParam("sub", sub).delete("/factors/{id}", app.factorId()).then().statusCode(204);
        bff().get("/users/{sub}/factors", sub).then().body("$", hasSize(1)).body("[0].factorId", equalTo(second.factorId()));

        bff().get("/users/{sub}/security-events", sub).then().statusCode(200)
                .body("findAll { it.type.startsWith('factor-') }.type", contains("factor-removed", "factor-added", "factor-added"));
    }

    @Test
    void anSmsFactorIsAddedWithAnApproval() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        String approval = MfaApi.factorChangeApproval(sub, app, 0);
        MfaApi.approved(sub, approval).body(with(sub, SMS)).post("/factors/sms").then().statusCode(201);
    }

    @Test
    void approvalsOfAnotherPurposeOrUserNeverChangeFactors() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        // Even filed under the key "factor-change", a payment approval is a payment approval.
        String key = "factor-change";
        String paymentChallenge = bff().body(MfaApi.paymentChallenge(sub, key)).post("/challenges").then().statusCode(201)
                .extract().path("challengeId");
        String paymentApproval = bff().body(Map.of("sub", sub, "code", app.code(0))).post("/challenges/{id}/verify", paymentChallenge)
                .then().statusCode(200).extract().path("stepUpToken");
        refusedForFactorChange(MfaApi.approved(sub, paymentApproval).body(Map.of("sub", sub, "label", "x")).post("/factors/totp"));
        refusedForFactorChange(MfaApi.approved(sub, paymentApproval).queryParam("sub", sub).delete("/factors/{id}", app.factorId()));

        String adminChallenge = bff().body(Map.of("sub", sub, "purpose", "admin")).post("/challenges").then().statusCode(201)
                .extract().path("challengeId");
        String adminApproval = bff().body(Map.of("sub", sub, "code", app.code(1))).post("/challenges/{id}/verify", adminChallenge)
                .then().statusCode(200).extract().path("stepUpToken");
        refusedForFactorChange(MfaApi.approved(sub, adminApproval).body(Map.of("sub", sub, "label", "x")).post("/factors/totp"));

        // Someone else's factor-change approval does not change this user's factors.
        String other = MfaApi.newSub();
        MfaApi.App otherApp = MfaApi.activeTotp(other);
        String othersApproval = MfaApi.factorChangeApproval(other, otherApp, 0);
        refusedForFactorChange(MfaApi.approved(sub, othersApproval).queryParam("sub", sub).delete("/factors/{id}", app.factorId()));
        refusedForFactorChange(MfaApi.approved(sub, "not.a.token").queryParam("sub", sub).delete("/factors/{id}", app.factorId()));
    }

    @Test
    void pendingEnrolmentsAreLimitedAndCanBeCancelled() {
        String sub = MfaApi.newSub();
        String first = freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "One"))).post("/factors/totp").then().statusCode(201)
                .extract().path("factorId");
        freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Two"))).post("/factors/totp").then().statusCode(201);
        freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Three"))).post("/factors/totp").then().statusCode(201);
        freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Four"))).post("/factors/totp").then().statusCode(409)
                .body("type", endsWith("/too-many-pending-factors"));
        // An unfinished enrolment is not a factor: cancelling it needs no approval.
        bff().queryParam("sub", sub).delete("/factors/{id}", first).then().statusCode(204);
        freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Four"))).post("/factors/totp").then().statusCode(201);
    }

    @Test
    void aFirstFactorEnrolmentCannotBeConfirmedOnceAnotherFactorIsActive() {
        String sub = MfaApi.newSub();
        MfaApi.App mine = MfaApi.enrolTotp(sub);
        MfaApi.App attackers = MfaApi.enrolTotp(sub);   // also "first": no factor was active yet
        bff().body(Map.of("sub", sub, "code", mine.code(0))).post("/factors/{id}/confirm", mine.factorId()).then().statusCode(200);
        bff().body(Map.of("sub", sub, "code", attackers.code(0))).post("/factors/{id}/confirm", attackers.factorId()).then()
                .statusCode(410);
    }

    @Test
    void theBffRecordsEndedSessionsAndNothingElse() {
        String sub = MfaApi.newSub();
        bff().body(Map.of("type", "sessions-ended", "detail", "2 sessions ended by you")).post("/users/{sub}/security-events", sub)
                .then().statusCode(201);
        bff().body(Map.of("type", "factor-removed")).post("/users/{sub}/security-events", sub).then().statusCode(400);
        bff().get("/users/{sub}/security-events", sub).then().body("$", hasSize(1)).body("[0].detail", equalTo("2 sessions ended by you"));
    }

    private static MfaApi.App enrolTotp(RequestSpecification caller, String sub) {
        var enrolment = caller.body(Map.of("sub", sub, "label", "New phone")).post("/factors/totp").then().statusCode(201).extract();
        return new MfaApi.App(enrolment.path("factorId"), enrolment.path("otpauthUri"));
    }

    private static Map<String, String> with(String sub, Map<String, String> fields) {
        var body = new java.util.HashMap<>(fields);
        body.put("sub", sub);
        return body;
    }

    private static void refusedForFactorChange(io.restassured.response.Response response) {
        response.then().statusCode(401).contentType("application/problem+json").body("type", endsWith("/step-up-required"))
                .body("purpose", equalTo("factor-change"));
    }
}
