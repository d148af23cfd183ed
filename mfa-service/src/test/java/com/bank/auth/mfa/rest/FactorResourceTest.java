package com.bank.auth.mfa.rest;

import static com.bank.auth.mfa.rest.MfaApi.bff;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import com.bank.auth.mfa.sms.OutboxSmsSender;
import com.bank.auth.mfa.sms.SmsSender;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.LocalUserTokensTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Enrolment, confirmation and removal against a real PostgreSQL, with bank-bff's real token. */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
@WithTestResource(LocalUserTokensTestResource.class)
class FactorResourceTest {

    @Inject
    EntityManager entityManager;

    @Inject
    SmsSender sms;

    @Test
    void totpEnrolmentGivesAUriAndQrCodeAndStaysPendingUntilConfirmed() {
        String sub = MfaApi.newSub();
        var enrolment = MfaApi.freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Phone app"))).post("/factors/totp").then().statusCode(201)
                .body("otpauthUri", startsWith("otpauth://totp/Bank:Phone%20app?secret="))
                .body("otpauthUri", containsString("&algorithm=SHA1&digits=6&period=30"))
                .body("qrCode", startsWith("data:image/png;base64,iVBOR")).extract();
        String factorId = enrolment.path("factorId");
        bff().get("/users/{sub}/factors", sub).then().body("[0].status", equalTo("pending")).body("[0].type", equalTo("totp"));

        MfaApi.App app = new MfaApi.App(factorId, enrolment.path("otpauthUri"));
        bff().body(Map.of("sub", sub, "code", app.wrongCode())).post("/factors/{id}/confirm", factorId).then()
                .statusCode(400).contentType("application/problem+json");
        bff().body(Map.of("sub", sub, "code", app.code(0))).post("/factors/{id}/confirm", factorId).then()
                .statusCode(200).body("status", equalTo("active"));
        bff().get("/users/{sub}/factors", sub).then().body("[0].status", equalTo("active"))
                .body("[0]", not(org.hamcrest.Matchers.hasKey("otpauthUri")));
        bff().body(Map.of("sub", sub, "code", app.code(1))).post("/factors/{id}/confirm", factorId).then().statusCode(410);
    }

    @Test
    void secretsAreEncryptedAtRest() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.enrolTotp(sub);
        String stored = (String) entityManager.createNativeQuery("select secret_ciphertext from mfa.factor where sub = ?1")
                .setParameter(1, sub).getSingleResult();
        String base32 = com.bank.auth.mfa.service.Totp.base32(app.secret());
        assertFalse(stored.contains(base32));
        assertFalse(stored.contains(java.util.Base64.getEncoder().encodeToString(app.secret())));
        assertEquals(1, java.util.Base64.getUrlDecoder().decode(stored)[0], "Tink's ciphertext: its version byte, the key id, nonce, ciphertext, tag");
    }

    @Test
    void smsEnrolmentSendsACodeAndShowsTheNumberOnlyMasked() {
        String sub = MfaApi.newSub();
        MfaApi.freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Mobile", "phoneNumber", "015112345678"))).post("/factors/sms").then()
                .statusCode(422).body("errors[0].field", equalTo("phoneNumber"));
        String factorId = MfaApi.freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Mobile", "phoneNumber", "+4915112345678"))).post("/factors/sms")
                .then().statusCode(201).extract().path("factorId");
        List<OutboxSmsSender.Message> messages = ((OutboxSmsSender) sms).messagesFor(sub);
        String code = messages.get(0).text().replaceAll(".*?([0-9]{6}).*", "$1");
        bff().body(Map.of("sub", sub, "code", code)).post("/factors/{id}/confirm", factorId).then().statusCode(200);
        bff().get("/users/{sub}/factors", sub).then().body("[0].phone", equalTo("+49 •••••••••78"))
                .body(not(containsString("15112345678")));
        String stored = (String) entityManager.createNativeQuery("select phone_ciphertext from mfa.factor where id = cast(?1 as uuid)")
                .setParameter(1, factorId).getSingleResult();
        assertFalse(stored.contains("15112345678"));
    }

    @Test
    void anotherUsersFactorIsNotFound() {
        String owner = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(owner);
        bff().body(Map.of("sub", MfaApi.newSub(), "code", app.code(0))).post("/factors/{id}/confirm", app.factorId()).then().statusCode(404);
        bff().queryParam("sub", MfaApi.newSub()).delete("/factors/{id}", app.factorId()).then().statusCode(404);
        bff().queryParam("sub", owner).delete("/factors/{id}", "not-a-uuid").then().statusCode(404);
        String approval = MfaApi.factorChangeApproval(owner, app, 0);
        MfaApi.approved(owner, approval).queryParam("sub", owner).delete("/factors/{id}", app.factorId()).then().statusCode(204);
        bff().get("/users/{sub}/factors", owner).then().body("$", hasSize(0));
    }

    @Test
    void badRequestsAreProblems() {
        bff().body(Map.of("label", "x")).post("/factors/totp").then().statusCode(400).contentType("application/problem+json");
        String sub = MfaApi.newSub();
        MfaApi.freshLogin(sub).body(Map.of("sub", sub, "label", "x".repeat(65))).post("/factors/totp").then().statusCode(400);
        MfaApi.freshLogin(sub).body(Map.of("sub", sub, "label", "Evil\u202Eppa")).post("/factors/totp").then().statusCode(400);
        // A user token that is not one (or not this user's) is no login at all.
        MfaApi.bff().header("User-Token", "yesterday").body(MfaApi.firstFactor(sub, Map.of("label", "x"))).post("/factors/totp").then()
                .statusCode(401).contentType("application/problem+json");
        bff().body("{oops").post("/factors/totp").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void theJwksIsPublicAndHoldsOnlyPublicKeys() {
        io.restassured.RestAssured.given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys[0].kty", equalTo("EC")).body("keys[0].crv", equalTo("P-256")).body("keys[0].alg", equalTo("ES256"))
                .body("keys[0].kid", matchesPattern(".+")).body("keys[0]", not(org.hamcrest.Matchers.hasKey("d")));
    }
}
