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
class FactorLifecycleTest {

    private static final Map<String, String> SMS = Map.of("label", "Mobile", "phoneNumber", "+4915112345678");

    @Test
    void aFirstFactorNeedsARecentLogin() {
        String sub = MfaApi.newSub();
        bff().body(Map.of("sub", sub, "label", "App")).post("/factors/totp").then()
                .statusCode(401).contentType("application/problem+json").body("type", endsWith("/login-required"));
        bff().header("Auth-Time", Instant.now().minus(Duration.ofMinutes(6)).toString()).body(Map.of("sub", sub, "label", "App"))
                .post("/factors/totp").then().statusCode(401).body("type", endsWith("/login-required"));
        freshLogin().body(Map.of("sub", sub, "label", "App")).post("/factors/totp").then().statusCode(201);
    }

    @Test
    void withAnActiveFactorAFreshLoginAloneChangesNothing() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        refusedForFactorChange(freshLogin().body(Map.of("sub", sub, "label", "Attacker's app")).post("/factors/totp"));
        refusedForFactorChange(freshLogin().body(with(sub, SMS)).post("/factors/sms"));
        refusedForFactorChange(freshLogin().queryParam("sub", sub).delete("/factors/{id}", app.factorId()));
        bff().get("/users/{sub}/factors", sub).then().body("$", hasSize(1)).body("[0].status", equalTo("active"));
    }

    @Test
    void aFactorChangeApprovalAddsOneFactorOnceAndRemovesWithAnother() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);   // confirmed with the code of step -1

        String approval = MfaApi.factorChangeApproval(sub, app, 0);
        MfaApi.App second = enrolTotp(MfaApi.approved(approval), sub);
        // Confirming the factor it added needs only the new factor's code.
        bff().body(Map.of("sub", sub, "code", second.code(0))).post("/factors/{id}/confirm", second.factorId()).then().statusCode(200);
        // The same approval never works twice (SMS or TOTP).
        refusedForFactorChange(MfaApi.approved(approval).body(with(sub, SMS)).post("/factors/sms"));

        String removal = MfaApi.factorChangeApproval(sub, second, 1);
        MfaApi.approved(removal).queryParam("sub", sub).delete("/factors/{id}", app.factorId()).then().statusCode(204);
        bff().get("/users/{sub}/factors", sub).then().body("$", hasSize(1)).body("[0].factorId", equalTo(second.factorId()));

        bff().get("/users/{sub}/security-events", sub).then().statusCode(200)
                .body("type", contains("factor-removed", "factor-added", "factor-added"));
    }

    @Test
    void anSmsFactorIsAddedWithAnApproval() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        String approval = MfaApi.factorChangeApproval(sub, app, 0);
        MfaApi.approved(approval).body(with(sub, SMS)).post("/factors/sms").then().statusCode(201);
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
        refusedForFactorChange(MfaApi.approved(paymentApproval).body(Map.of("sub", sub, "label", "x")).post("/factors/totp"));
        refusedForFactorChange(MfaApi.approved(paymentApproval).queryParam("sub", sub).delete("/factors/{id}", app.factorId()));

        String adminChallenge = bff().body(Map.of("sub", sub, "purpose", "admin")).post("/challenges").then().statusCode(201)
                .extract().path("challengeId");
        String adminApproval = bff().body(Map.of("sub", sub, "code", app.code(1))).post("/challenges/{id}/verify", adminChallenge)
                .then().statusCode(200).extract().path("stepUpToken");
        refusedForFactorChange(MfaApi.approved(adminApproval).body(Map.of("sub", sub, "label", "x")).post("/factors/totp"));

        // Someone else's factor-change approval does not change this user's factors.
        String other = MfaApi.newSub();
        MfaApi.App otherApp = MfaApi.activeTotp(other);
        String othersApproval = MfaApi.factorChangeApproval(other, otherApp, 0);
        refusedForFactorChange(MfaApi.approved(othersApproval).queryParam("sub", sub).delete("/factors/{id}", app.factorId()));
        refusedForFactorChange(MfaApi.approved("not.a.token").queryParam("sub", sub).delete("/factors/{id}", app.factorId()));
    }

    @Test
    void pendingEnrolmentsAreLimitedAndCanBeCancelled() {
        String sub = MfaApi.newSub();
        String first = freshLogin().body(Map.of("sub", sub, "label", "One")).post("/factors/totp").then().statusCode(201).extract().path("factorId");
        freshLogin().body(Map.of("sub", sub, "label", "Two")).post("/factors/totp").then().statusCode(201);
        freshLogin().body(Map.of("sub", sub, "label", "Three")).post("/factors/totp").then().statusCode(201);
        freshLogin().body(Map.of("sub", sub, "label", "Four")).post("/factors/totp").then().statusCode(409)
                .body("type", endsWith("/too-many-pending-factors"));
        // An unfinished enrolment is not a factor: cancelling it needs no approval.
        bff().queryParam("sub", sub).delete("/factors/{id}", first).then().statusCode(204);
        freshLogin().body(Map.of("sub", sub, "label", "Four")).post("/factors/totp").then().statusCode(201);
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
