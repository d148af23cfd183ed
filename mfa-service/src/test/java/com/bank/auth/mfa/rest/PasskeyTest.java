package com.bank.auth.mfa.rest;

import static com.bank.auth.mfa.rest.MfaApi.bff;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import com.bank.auth.common.stepup.TransactionBinding;
import com.bank.auth.mfa.model.Factor;
import com.bank.auth.mfa.model.PasskeyApproval;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.LocalUserTokensTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Passkeys as a step-up factor (issue 27), with a software authenticator ({@link SoftPasskey}) against the real
 * service and PostgreSQL: enrolment under the factor rules, an approval whose signed challenge names the payment, and
 * every way an answer must be refused (origin, RP id, user verification, another payment's challenge, a replay, a sign
 * count that goes back), none of them a 5xx.
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
@WithTestResource(LocalUserTokensTestResource.class)
class PasskeyTest {

    /** The web app's origin in the test profile (mfa.passkey.origin); the RP id is its host. */
    static final String ORIGIN = "https://app.bank.test";
    static final String RP_ID = "app.bank.test";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user whose first factor is this passkey, enrolled with the activation letter and confirmed. */
    private record Enrolled(String sub, String factorId, SoftPasskey passkey) {
    }

    private static Enrolled enrolFirstPasskey() throws Exception {
        String sub = MfaApi.newSub();
        JsonPath enrolment = MfaApi.freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Laptop")))
                .post("/factors/passkey").then().statusCode(201).extract().jsonPath();
        SoftPasskey passkey = new SoftPasskey(enrolment.getString("creationOptions.user.id"));
        String factorId = enrolment.getString("factorId");
        bff().body(Map.of("sub", sub, "credential", passkey.register(enrolment.getString("creationOptions.challenge"))))
                .post("/factors/{id}/confirm", factorId).then().statusCode(200).body("status", equalTo("active"));
        return new Enrolled(sub, factorId, passkey);
    }

    @Test
    void aFirstPasskeyIsOfferedWithWebAuthnsOptionsAndActiveOnceItsRegistrationVerifies() throws Exception {
        String sub = MfaApi.newSub();
        // Like any first factor: without the letter's code, nothing.
        MfaApi.freshLogin(sub).body(Map.of("sub", sub, "label", "Laptop")).post("/factors/passkey").then().statusCode(403)
                .body("type", equalTo("https://bank.example/problems/activation-code-required"));
        JsonPath enrolment = MfaApi.freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Laptop")))
                .post("/factors/passkey").then().statusCode(201).extract().jsonPath();
        Map<String, Object> options = enrolment.getMap("creationOptions");
        assertEquals(Map.of("id", RP_ID, "name", "Bank"), options.get("rp"));
        String userHandle = enrolment.getString("creationOptions.user.id");
        assertEquals(32, Base64.getUrlDecoder().decode(userHandle).length, "a random 32-byte user handle");
        assertTrue(!new String(Base64.getUrlDecoder().decode(userHandle), StandardCharsets.ISO_8859_1).contains(sub), "never the sub");
        assertEquals(32, Base64.getUrlDecoder().decode(enrolment.getString("creationOptions.challenge")).length);
        assertEquals(Map.of("residentKey", "preferred", "requireResidentKey", false, "userVerification", "required"),
                options.get("authenticatorSelection"));
        assertEquals("none", options.get("attestation"));
        assertEquals(List.of(-7, -8, -257), enrolment.getList("creationOptions.pubKeyCredParams.alg"));
        assertEquals(List.of(), enrolment.getList("creationOptions.excludeCredentials"));

        SoftPasskey passkey = new SoftPasskey(userHandle);
        String factorId = enrolment.getString("factorId");
        bff().body(Map.of("sub", sub, "credential", passkey.register(enrolment.getString("creationOptions.challenge"))))
                .post("/factors/{id}/confirm", factorId).then().statusCode(200).body("status", equalTo("active"));
        bff().get("/users/{sub}/factors", sub).then().statusCode(200).body("type", equalTo(List.of("passkey")))
                .body("label", equalTo(List.of("Laptop"))).body("status", equalTo(List.of("active")));
        bff().get("/users/{sub}/security-events", sub).then().body("detail", hasItem("Passkey \"Laptop\""));
        Factor stored = QuarkusTransaction.requiringNew().call(() -> Factor.findById(UUID.fromString(factorId)));
        assertEquals(passkey.credentialId(), stored.credentialId);
        assertEquals("hybrid,internal", stored.transports);
        assertEquals(0L, stored.signCount);
        assertEquals(null, stored.registrationChallenge, "a registration challenge works once");
        assertEquals(null, stored.secretCiphertext, "a passkey has no secret here");
    }

    @Test
    void aRegistrationFromAnotherOriginOrRpOrWithoutUserVerificationIsRefusedAndCounted() throws Exception {
        String sub = MfaApi.newSub();
        JsonPath enrolment = MfaApi.freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Laptop")))
                .post("/factors/passkey").then().statusCode(201).extract().jsonPath();
        String challenge = enrolment.getString("creationOptions.challenge");
        SoftPasskey passkey = new SoftPasskey(enrolment.getString("creationOptions.user.id"));
        String factorId = enrolment.getString("factorId");
        byte both = (byte) (SoftPasskey.UP | SoftPasskey.UV);
        // A phishing page's origin; another RP's id; no user verification; another registration's challenge.
        List<Map<String, Object>> refused = List.of(
                passkey.register(challenge, "https://app.bank-login.example", RP_ID, both),
                passkey.register(challenge, ORIGIN, "bank-login.example", both),
                passkey.register(challenge, ORIGIN, RP_ID, SoftPasskey.UP),
                passkey.register(SoftPasskey.b64(new byte[32]), ORIGIN, RP_ID, both));
        int left = 5;
        for (Map<String, Object> credential : refused) {
            left--;
            bff().body(Map.of("sub", sub, "credential", credential)).post("/factors/{id}/confirm", factorId).then().statusCode(400)
                    .body("type", equalTo("https://bank.example/problems/passkey-rejected")).body("attemptsRemaining", equalTo(left));
        }
        // Not an object, or no credential at all: refused before anything is checked or counted.
        bff().body(Map.of("sub", sub, "credential", "not an object")).post("/factors/{id}/confirm", factorId).then().statusCode(400)
                .body("errors.field", hasItem("credential"));
        bff().body(Map.of("sub", sub, "code", "123456")).post("/factors/{id}/confirm", factorId).then().statusCode(400)
                .body("errors.field", hasItem("credential"));
        // Not a WebAuthn answer at all is a fifth failure, which locks the enrolment as wrong codes do: never a 5xx.
        bff().body(Map.of("sub", sub, "credential", Map.of("id", "x", "response", Map.of("clientDataJSON", "%%%"))))
                .post("/factors/{id}/confirm", factorId).then().statusCode(423);
        bff().body(Map.of("sub", sub, "credential", passkey.register(challenge))).post("/factors/{id}/confirm", factorId).then().statusCode(423);
    }

    @Test
    void aPaymentApprovedWithAPasskeySignsThePaymentsBindingAndKeepsEvidenceAnyoneCanCheck() throws Exception {
        Enrolled user = enrolFirstPasskey();
        String key = UUID.randomUUID().toString();
        JsonPath created = bff().body(MfaApi.paymentChallenge(user.sub(), key)).post("/challenges").then().statusCode(201)
                .body("type", equalTo("passkey")).body("factorId", equalTo(user.factorId()))
                .body("requestOptions.rpId", equalTo(RP_ID)).body("requestOptions.userVerification", equalTo("required"))
                .body("requestOptions.allowCredentials.id", equalTo(List.of(user.passkey().credentialId())))
                .body("requestOptions.allowCredentials[0].transports", equalTo(List.of("hybrid", "internal")))
                .extract().jsonPath();
        // The challenge: 32 random bytes, then SHA-256 of the payment's binding, which is the txn of its step-up.
        TransactionBinding binding = new TransactionBinding(new BigDecimal("12000.00"), "EUR", "DE89370400440532013000", key);
        byte[] challenge = Base64.getUrlDecoder().decode(created.getString("requestOptions.challenge"));
        assertEquals(64, challenge.length);
        assertArrayEquals(SoftPasskey.sha256(binding.canonicalJson().getBytes(StandardCharsets.UTF_8)), Arrays.copyOfRange(challenge, 32, 64));
        assertArrayEquals(Base64.getUrlDecoder().decode(binding.txn()), Arrays.copyOfRange(challenge, 32, 64));

        String challengeId = created.getString("challengeId");
        Map<String, Object> assertion = user.passkey().assertion(created.getString("requestOptions.challenge"));
        String token = bff().body(Map.of("sub", user.sub(), "assertion", assertion)).post("/challenges/{id}/verify", challengeId)
                .then().statusCode(200).extract().path("stepUpToken");
        JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        assertEquals(List.of("hwk", "user"), claims.getStringListClaimValue("amr"));
        assertEquals(binding.txn(), claims.getStringClaimValue("txn"));

        // The evidence, checked as an auditor would, with nothing but the JDK: the signature over authenticatorData ||
        // SHA-256(clientDataJSON) verifies with the stored public key, and the signed challenge ends with the binding's hash.
        PasskeyApproval evidence = QuarkusTransaction.requiringNew().call(() -> PasskeyApproval.findById(UUID.fromString(challengeId)));
        assertEquals(claims.getJwtId(), evidence.stepUpJti);
        assertEquals(binding.canonicalJson(), evidence.signedText);
        assertEquals(binding.txn(), evidence.txn);
        byte[] clientData = Base64.getUrlDecoder().decode(evidence.clientDataJson);
        String signedChallenge = JSON.readTree(clientData).path("challenge").asText();
        assertArrayEquals(SoftPasskey.sha256(evidence.signedText.getBytes(StandardCharsets.UTF_8)),
                Arrays.copyOfRange(Base64.getUrlDecoder().decode(signedChallenge), 32, 64));
        COSEKey cose = new ObjectConverter().getCborConverter().readValue(Base64.getUrlDecoder().decode(evidence.publicKeyCose), COSEKey.class);
        PublicKey publicKey = KeyFactory.getInstance("EC").generatePublic(new java.security.spec.X509EncodedKeySpec(cose.getPublicKey().getEncoded()));
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(publicKey);
        verifier.update(Base64.getUrlDecoder().decode(evidence.authenticatorData));
        verifier.update(SoftPasskey.sha256(clientData));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(evidence.signature)));

        // Replayed: at its own challenge it is spent (410); at another payment's, its challenge is not that one (400).
        bff().body(Map.of("sub", user.sub(), "assertion", assertion)).post("/challenges/{id}/verify", challengeId).then().statusCode(410);
        String other = bff().body(MfaApi.paymentChallenge(user.sub(), UUID.randomUUID().toString())).post("/challenges")
                .then().statusCode(201).extract().path("challengeId");
        bff().body(Map.of("sub", user.sub(), "assertion", assertion)).post("/challenges/{id}/verify", other).then().statusCode(400)
                .body("type", equalTo("https://bank.example/problems/passkey-rejected")).body("attemptsRemaining", equalTo(2));
    }

    @Test
    void anAssertionFromAnotherOriginOrRpWithoutUserVerificationOrForAnotherPaymentIsRefusedNeverA5xx() throws Exception {
        Enrolled user = enrolFirstPasskey();
        byte both = (byte) (SoftPasskey.UP | SoftPasskey.UV);
        String otherPayment = paymentChallenge(user).getString("requestOptions.challenge");
        // A phishing page's origin; a passkey of another RP; no user verification; the signature of another payment.
        List<Answer> refused = List.of(
                challenge -> user.passkey().assertion(challenge, "https://app.bank-login.example", RP_ID, both),
                challenge -> user.passkey().assertion(challenge, ORIGIN, "bank-login.example", both),
                challenge -> user.passkey().assertion(challenge, ORIGIN, RP_ID, SoftPasskey.UP),
                challenge -> user.passkey().assertion(otherPayment));
        for (var answer : refused) {
            JsonPath created = paymentChallenge(user);
            bff().body(Map.of("sub", user.sub(), "assertion", answer.to(created.getString("requestOptions.challenge"))))
                    .post("/challenges/{id}/verify", created.getString("challengeId")).then().statusCode(400)
                    .body("type", equalTo("https://bank.example/problems/passkey-rejected")).body("attemptsRemaining", equalTo(2));
        }
        // A code where an assertion belongs, or no object: 400, not counted.
        JsonPath created = paymentChallenge(user);
        String challengeId = created.getString("challengeId");
        bff().body(Map.of("sub", user.sub(), "code", "123456")).post("/challenges/{id}/verify", challengeId).then().statusCode(400)
                .body("errors.field", hasItem("assertion"));
        bff().body(Map.of("sub", user.sub(), "assertion", List.of(1, 2))).post("/challenges/{id}/verify", challengeId).then().statusCode(400)
                .body("errors.field", hasItem("assertion"));
        // A signature that is not one is the fifth failure in a row: the passkey locks, as after five wrong codes.
        Map<String, Object> broken = new java.util.HashMap<>(user.passkey().assertion(created.getString("requestOptions.challenge")));
        @SuppressWarnings("unchecked")
        Map<String, Object> response = new java.util.HashMap<>((Map<String, Object>) broken.get("response"));
        response.put("signature", "AAAA");
        broken.put("response", response);
        bff().body(Map.of("sub", user.sub(), "assertion", broken)).post("/challenges/{id}/verify", challengeId).then().statusCode(423)
                .body("type", equalTo("https://bank.example/problems/factor-locked"));
    }

    /** How a test's authenticator answers a challenge. */
    private interface Answer {
        Map<String, Object> to(String challenge) throws Exception;
    }

    private static JsonPath paymentChallenge(Enrolled user) {
        return bff().body(MfaApi.paymentChallenge(user.sub(), UUID.randomUUID().toString())).post("/challenges")
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aSignCountThatGoesBackLocksThePasskeyForGoodAndIsASecurityEventWhileOtherFactorsStillApprove() throws Exception {
        Enrolled user = enrolFirstPasskey();
        JsonPath first = bff().body(Map.of("sub", user.sub(), "purpose", "admin")).post("/challenges").then().statusCode(201).extract().jsonPath();
        user.passkey().signCount(41);
        bff().body(Map.of("sub", user.sub(), "assertion", user.passkey().assertion(first.getString("requestOptions.challenge"))))
                .post("/challenges/{id}/verify", first.getString("challengeId")).then().statusCode(200);

        // A copy of the key, used after the original signed as number 42: it says 42 or less.
        JsonPath second = bff().body(Map.of("sub", user.sub(), "purpose", "admin")).post("/challenges").then().statusCode(201).extract().jsonPath();
        user.passkey().signCount(10);
        bff().body(Map.of("sub", user.sub(), "assertion", user.passkey().assertion(second.getString("requestOptions.challenge"))))
                .post("/challenges/{id}/verify", second.getString("challengeId")).then().statusCode(423)
                .body("type", equalTo("https://bank.example/problems/passkey-clone-suspected"));
        bff().get("/users/{sub}/security-events", user.sub()).then().body("type", hasItem("passkey-clone-suspected"));
        bff().get("/users/{sub}/factors", user.sub()).then().body("[0].lockedUntil", equalTo("9999-12-31T23:59:59Z"));
        // Even the original's next, higher count no longer unlocks it; the challenge it was for is over.
        user.passkey().signCount(100);
        bff().body(Map.of("sub", user.sub(), "assertion", user.passkey().assertion(second.getString("requestOptions.challenge"))))
                .post("/challenges/{id}/verify", second.getString("challengeId")).then().statusCode(410);
        bff().body(Map.of("sub", user.sub(), "purpose", "admin")).post("/challenges").then().statusCode(423);
    }

    @Test
    void aPasskeyIsOfferedBeforeAnAppAndALockedOneGivesWayToTheApp() throws Exception {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        // A second factor needs a factor-change approval with the first (DESIGN 5).
        String approval = MfaApi.factorChangeApproval(sub, app, 0);
        MfaApi.freshLogin(sub).body(Map.of("sub", sub, "label", "Phone")).post("/factors/passkey").then().statusCode(401)
                .body("purpose", equalTo("factor-change"));
        JsonPath enrolment = MfaApi.approved(sub, approval).body(Map.of("sub", sub, "label", "Phone")).post("/factors/passkey")
                .then().statusCode(201).extract().jsonPath();
        SoftPasskey passkey = new SoftPasskey(enrolment.getString("creationOptions.user.id"));
        bff().body(Map.of("sub", sub, "credential", passkey.register(enrolment.getString("creationOptions.challenge"))))
                .post("/factors/{id}/confirm", enrolment.getString("factorId")).then().statusCode(200);

        bff().body(Map.of("sub", sub, "purpose", "admin")).post("/challenges").then().statusCode(201).body("type", equalTo("passkey"))
                .body("requestOptions", notNullValue());
        // A second passkey is offered with the first excluded, so one authenticator is never registered twice.
        String second = MfaApi.factorChangeApproval(sub, app, 1);
        JsonPath again = MfaApi.approved(sub, second).body(Map.of("sub", sub, "label", "Tablet")).post("/factors/passkey")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(List.of(passkey.credentialId()), again.getList("creationOptions.excludeCredentials.id"));
        assertEquals(enrolment.getString("creationOptions.user.id"), again.getString("creationOptions.user.id"), "one handle per user");
        // The same credential registered again (an authenticator that ignored excludeCredentials): 409, nothing recorded.
        bff().body(Map.of("sub", sub, "credential", passkey.register(again.getString("creationOptions.challenge"))))
                .post("/factors/{id}/confirm", again.getString("factorId")).then().statusCode(409)
                .body("type", equalTo("https://bank.example/problems/passkey-registered"));

        QuarkusTransaction.requiringNew().run(() -> Factor.update("lockedUntil = ?1 where id = ?2", java.time.Instant.now().plusSeconds(600),
                UUID.fromString(enrolment.getString("factorId"))));
        bff().body(Map.of("sub", sub, "purpose", "admin")).post("/challenges").then().statusCode(201).body("type", equalTo("totp"))
                .body("requestOptions", equalTo(null));
    }

    @Test
    void everyPurposeThatNamesNoPaymentSignsItsChallengeAndPurpose() throws Exception {
        Enrolled user = enrolFirstPasskey();
        JsonPath created = bff().body(Map.of("sub", user.sub(), "purpose", "factor-change")).post("/challenges").then().statusCode(201)
                .extract().jsonPath();
        byte[] challenge = Base64.getUrlDecoder().decode(created.getString("requestOptions.challenge"));
        String signed = "{\"challengeId\":\"" + created.getString("challengeId") + "\",\"purpose\":\"factor-change\"}";
        assertArrayEquals(SoftPasskey.sha256(signed.getBytes(StandardCharsets.UTF_8)), Arrays.copyOfRange(challenge, 32, 64));
        bff().body(Map.of("sub", user.sub(), "assertion", user.passkey().assertion(created.getString("requestOptions.challenge"))))
                .post("/challenges/{id}/verify", created.getString("challengeId")).then().statusCode(200).body("stepUpToken", not(empty()));
    }
}
