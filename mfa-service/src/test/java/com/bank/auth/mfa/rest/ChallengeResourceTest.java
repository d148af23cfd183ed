package com.bank.auth.mfa.rest;

import static com.bank.auth.mfa.rest.MfaApi.bff;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.bank.auth.common.stepup.TransactionBinding;
import com.bank.auth.mfa.sms.OutboxSmsSender;
import com.bank.auth.mfa.sms.SmsSender;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.LocalUserTokensTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Challenges bound to a payment, verification, replay, attempts, lockout and concurrency, on a real PostgreSQL. */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
@WithTestResource(LocalUserTokensTestResource.class)
class ChallengeResourceTest {

    @Inject
    SmsSender sms;

    @Test
    void aPaymentChallengeShowsWhatItAuthorisesAndYieldsABoundStepUpToken() throws Exception {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        String key = UUID.randomUUID().toString();
        Response created = bff().body(MfaApi.paymentChallenge(sub, key)).post("/challenges");
        created.then().statusCode(201).body("factorId", equalTo(app.factorId())).body("type", equalTo("totp"))
                .body("attemptsRemaining", equalTo(3)).body("expiresAt", notNullValue())
                .body("display.amount", equalTo("12000.00")).body("display.currency", equalTo("EUR"))
                .body("display.creditorName", equalTo("Electricity Ltd")).body("display.creditorIban", equalTo("DE89370400440532013000"));

        String token = bff().body(Map.of("sub", sub, "code", app.code(0))).post("/challenges/{id}/verify", created.<String>path("challengeId"))
                .then().statusCode(200).body("expiresAt", notNullValue()).extract().path("stepUpToken");

        // Verify it as payments-service would: signature against the published JWKS, then the claims.
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        JsonWebKeySet jwks = new JsonWebKeySet(io.restassured.RestAssured.given().get("/.well-known/jwks.json").asString());
        jws.setKey(new VerificationJwkSelector().select(jws, jwks.getJsonWebKeys()).getKey());
        assertTrue(jws.verifySignature());
        assertEquals("step-up+jwt", jws.getHeader("typ"));
        assertEquals("ES256", jws.getAlgorithmHeaderValue());
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertEquals(sub, claims.getSubject());
        assertEquals(List.of("payments-api"), claims.getAudience());
        assertEquals("urn:bank:acr:mfa", claims.getStringClaimValue("acr"));
        assertEquals(List.of("otp"), claims.getStringListClaimValue("amr"));
        assertEquals("payment", claims.getStringClaimValue("purpose"));
        assertEquals(new TransactionBinding(new BigDecimal("12000.00"), "EUR", "DE89370400440532013000", key).txn(),
                claims.getStringClaimValue("txn"));
        assertTrue(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue() <= 300);
        assertTrue(claims.getJwtId() != null && claims.hasClaim("auth_time") && claims.getIssuer().startsWith("http"));
    }

    @Test
    void aBeneficiaryChallengeShowsThePayeeAndBindsItsIbanAndKeyOnly() throws Exception {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        String key = UUID.randomUUID().toString();
        Map<String, Object> binding = Map.of("creditorName", "Car Dealer", "creditorIban", "de89 3704 0044 0532 0130 00", "idempotencyKey", key);
        Response created = bff().body(Map.of("sub", sub, "purpose", "beneficiary", "binding", binding)).post("/challenges");
        created.then().statusCode(201).body("display.purpose", equalTo("beneficiary")).body("display.creditorName", equalTo("Car Dealer"))
                .body("display.creditorIban", equalTo("DE89370400440532013000")).body("display.amount", nullValue());
        String token = bff().body(Map.of("sub", sub, "code", app.code(0))).post("/challenges/{id}/verify", created.<String>path("challengeId"))
                .then().statusCode(200).extract().path("stepUpToken");
        JwtClaims claims = JwtClaims.parse(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("beneficiary", claims.getStringClaimValue("purpose"));
        assertEquals(List.of("payments-api"), claims.getAudience());
        assertEquals(TransactionBinding.beneficiary("DE89370400440532013000", key).txn(), claims.getStringClaimValue("txn"));

        // A beneficiary approval names no amount; a payment's binding without one is refused.
        bff().body(Map.of("sub", sub, "purpose", "beneficiary", "binding", Map.of("creditorName", "Car Dealer",
                "creditorIban", "DE89370400440532013000", "idempotencyKey", key, "amount", "10.00", "currency", "EUR")))
                .post("/challenges").then().statusCode(422).body("errors.field", hasItem("binding.amount"));
        bff().body(Map.of("sub", sub, "purpose", "beneficiary", "binding", Map.of("creditorName", "Car Dealer",
                "creditorIban", "DE89370400440532013001", "idempotencyKey", key))).post("/challenges").then().statusCode(422)
                .body("errors.field", hasItem("binding.creditorIban"));
        bff().body(Map.of("sub", sub, "purpose", "beneficiary")).post("/challenges").then().statusCode(400).body("errors.field", hasItem("binding"));
    }

    @Test
    void everyVerifiedStepUpAndFactorConfirmationIsTheUsersLastSca() {
        String sub = MfaApi.newSub();
        bff().get("/users/{sub}/sca-status", sub).then().statusCode(200).body("activeFactor", equalTo(false))
                .body("lastScaAt", nullValue());
        MfaApi.App app = MfaApi.activeTotp(sub);
        String confirmed = bff().get("/users/{sub}/sca-status", sub).then().statusCode(200).body("activeFactor", equalTo(true))
                .extract().path("lastScaAt");
        String id = bff().body(Map.of("sub", sub, "purpose", "login")).post("/challenges").then().statusCode(201)
                .body("display.purpose", equalTo("login")).extract().path("challengeId");
        String token = bff().body(Map.of("sub", sub, "code", app.code(0))).post("/challenges/{id}/verify", id).then().statusCode(200)
                .extract().path("stepUpToken");
        String later = bff().get("/users/{sub}/sca-status", sub).then().extract().path("lastScaAt");
        assertTrue(java.time.Instant.parse(later).isAfter(java.time.Instant.parse(confirmed)), later + " after " + confirmed);
        // A sign-in step-up is for the BFF alone: no payment or factor service accepts it.
        JwtClaims claims;
        try {
            claims = JwtClaims.parse(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(List.of("bank-bff"), claims.getAudience());
            assertEquals("login", claims.getStringClaimValue("purpose"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCodeIsAcceptedOnceEvenInItsWindow() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);   // used step -1
        String code = app.code(0);
        bff().body(Map.of("sub", sub, "code", code)).post("/challenges/{id}/verify", challenge(sub)).then().statusCode(200);
        bff().body(Map.of("sub", sub, "code", code)).post("/challenges/{id}/verify", challenge(sub)).then()
                .statusCode(400).body("attemptsRemaining", equalTo(2));
        // An older step than the last accepted one is a replay too.
        bff().body(Map.of("sub", sub, "code", app.code(-1))).post("/challenges/{id}/verify", challenge(sub)).then().statusCode(400);
    }

    @Test
    void threeWrongCodesKillAChallengeAndErrorsDoNotSayWhy() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        String id = challenge(sub);
        bff().body(Map.of("sub", sub, "code", app.wrongCode())).post("/challenges/{id}/verify", id).then()
                .statusCode(400).body("attemptsRemaining", equalTo(2)).body("detail", equalTo("The code was not accepted."));
        bff().body(Map.of("sub", sub, "code", "12")).post("/challenges/{id}/verify", id).then()
                .statusCode(400).body("attemptsRemaining", equalTo(1)).body("detail", equalTo("The code was not accepted."));
        bff().body(Map.of("sub", sub, "code", app.wrongCode())).post("/challenges/{id}/verify", id).then().statusCode(410);
        bff().body(Map.of("sub", sub, "code", app.code(0))).post("/challenges/{id}/verify", id).then().statusCode(410);
    }

    @Test
    void fiveConsecutiveFailuresLockTheFactorAndASuccessResetsTheCount() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        for (int i = 0; i < 4; i++) {
            bff().body(Map.of("sub", sub, "code", app.wrongCode())).post("/challenges/{id}/verify", challenge(sub)).then().statusCode(400);
        }
        bff().body(Map.of("sub", sub, "code", app.code(0))).post("/challenges/{id}/verify", challenge(sub)).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            bff().body(Map.of("sub", sub, "code", app.wrongCode())).post("/challenges/{id}/verify", challenge(sub)).then().statusCode(400);
        }
        String id = challenge(sub);
        bff().body(Map.of("sub", sub, "code", app.wrongCode())).post("/challenges/{id}/verify", id).then()
                .statusCode(423).body("lockedUntil", notNullValue());
        // Locked: even the right code is refused, and no new challenge is handed out.
        bff().body(MfaApi.paymentChallenge(sub, UUID.randomUUID().toString())).post("/challenges").then().statusCode(423);
        bff().get("/users/{sub}/factors", sub).then().body("[0].lockedUntil", notNullValue());
    }

    @Test
    void concurrentVerificationsOfOneCodeSucceedOnce() throws Exception {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        String id = challenge(sub);
        String code = app.code(0);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> calls = IntStream.range(0, 10).<Callable<Integer>>mapToObj(i -> () -> bff()
                    .body(Map.of("sub", sub, "code", code)).post("/challenges/{id}/verify", id).statusCode()).toList();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anSmsChallengeNamesTheAmountAndPayeeAndIsRateLimited() {
        String sub = MfaApi.newSub();
        activeSms(sub);

        String key = UUID.randomUUID().toString();
        String id = bff().body(MfaApi.paymentChallenge(sub, key)).post("/challenges").then().statusCode(201)
                .body("type", equalTo("sms")).extract().path("challengeId");
        String text = ((OutboxSmsSender) sms).messagesFor(sub).get(0).text();
        assertTrue(text.contains("EUR 12,000.00") && text.contains("Electricity Ltd"), text);
        bff().body(Map.of("sub", sub, "code", lastCode(sub))).post("/challenges/{id}/verify", id).then().statusCode(200);

        // Two SMS so far (enrolment, challenge); three more fit in the window, the sixth is refused.
        for (int i = 0; i < 3; i++) {
            bff().body(MfaApi.paymentChallenge(sub, UUID.randomUUID().toString())).post("/challenges").then().statusCode(201);
        }
        bff().body(MfaApi.paymentChallenge(sub, UUID.randomUUID().toString())).post("/challenges").then()
                .statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void aChallengeTakesTheIdItsCallerLinkedAndNeverASecondTextUnderIt() {
        String sub = MfaApi.newSub();
        activeSms(sub);
        int textsBefore = ((OutboxSmsSender) sms).messagesFor(sub).size();

        String id = UUID.randomUUID().toString();
        Map<String, Object> request = new java.util.HashMap<>(MfaApi.paymentChallenge(sub, UUID.randomUUID().toString()));
        request.put("challengeId", id);
        bff().body(request).post("/challenges").then().statusCode(201).body("challengeId", equalTo(id));
        assertEquals(textsBefore + 1, ((OutboxSmsSender) sms).messagesFor(sub).size());

        // The same id again (a retry, a reused id): refused, and no second text goes out.
        bff().body(request).post("/challenges").then().statusCode(409).body("type", containsString("challenge-exists"));
        assertEquals(textsBefore + 1, ((OutboxSmsSender) sms).messagesFor(sub).size());
        bff().body(Map.of("sub", sub, "code", lastCode(sub))).post("/challenges/{id}/verify", id).then().statusCode(200);

        request.put("challengeId", "not-a-uuid");
        bff().body(request).post("/challenges").then().statusCode(400);
    }

    @Test
    void challengesNeedAnActiveFactorAndAValidBinding() {
        String sub = MfaApi.newSub();
        bff().body(MfaApi.paymentChallenge(sub, UUID.randomUUID().toString())).post("/challenges").then()
                .statusCode(409).body("type", containsString("no-active-factor"));
        MfaApi.activeTotp(sub);
        bff().body(Map.of("sub", sub, "purpose", "payment")).post("/challenges").then().statusCode(400);
        bff().body(Map.of("sub", sub, "purpose", "payment", "binding", Map.of("amount", "-1", "currency", "EUR",
                "creditorName", "x", "creditorIban", "DE89370400440532013000", "idempotencyKey", "k-12345678"))).post("/challenges")
                .then().statusCode(422).body("errors[0].field", equalTo("binding.amount"));
        bff().body(Map.of("sub", sub, "purpose", "steal")).post("/challenges").then().statusCode(400);
        bff().body(Map.of("sub", sub, "purpose", "admin")).post("/challenges").then().statusCode(201)
                .body("display.purpose", equalTo("admin"));
    }

    @Test
    void theBindingFollowsThePaymentRulesOfPaymentsService() {
        String sub = MfaApi.newSub();
        MfaApi.activeTotp(sub);
        // What the user approves must read as what is booked: no bidi overrides in the payee's name.
        bff().body(binding(sub, "Electricity \u202Edtl", "DE89370400440532013000")).post("/challenges").then()
                .statusCode(422).body("errors[0].field", equalTo("binding.creditorName"));
        bff().body(binding(sub, "Electricity Ltd", "DE89370400440532013001")).post("/challenges").then()
                .statusCode(422).body("errors[0].field", equalTo("binding.creditorIban"));
        bff().body(binding(sub, "Türk Elektrik A.Ş.", "TR33 0006 1005 1978 6457 8413 26")).post("/challenges").then()
                .statusCode(201).body("display.creditorIban", equalTo("TR330006100519786457841326"));
    }

    /** Countries outside the old hand-kept list of 37, from iban4j's registry: the same rule as payments-service. */
    @ParameterizedTest
    @ValueSource(strings = { "SA0380000000608010167519", "AE070331234567890123456", "BR1800360305000010009795493C1",
            "QA58DOHB00001234567890ABCDEFG", "KW81CBKU0000000000001234560101", "JO94CBJO0010000000000131000302",
            "PK36SCBL0000001123456702", "IL620108000000099999999", "UA213223130000026007233566001", "GE29NB0000000101904917" })
    void paymentsToIbansOfMoreCountriesCanBeApproved(String iban) {
        String sub = MfaApi.newSub();
        MfaApi.activeTotp(sub);
        bff().body(binding(sub, "Payee", iban)).post("/challenges").then().statusCode(201).body("display.creditorIban", equalTo(iban));
    }

    private static Map<String, Object> binding(String sub, String creditorName, String iban) {
        return Map.of("sub", sub, "purpose", "payment", "binding", Map.of("amount", "12000.00", "currency", "EUR",
                "creditorName", creditorName, "creditorIban", iban, "idempotencyKey", UUID.randomUUID().toString()));
    }

    @Test
    void anotherUsersChallengeIsNotFound() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        String id = challenge(sub);
        bff().body(Map.of("sub", MfaApi.newSub(), "code", app.code(0))).post("/challenges/{id}/verify", id).then().statusCode(404);
        bff().body(Map.of("sub", sub, "code", app.code(0))).post("/challenges/{id}/verify", UUID.randomUUID()).then().statusCode(404);
    }

    private static String challenge(String sub) {
        return bff().body(MfaApi.paymentChallenge(sub, UUID.randomUUID().toString())).post("/challenges").then().statusCode(201)
                .extract().path("challengeId");
    }

    /** A confirmed SMS factor for {@code sub} (its first: with an activation letter's code); one text sent so far. */
    private void activeSms(String sub) {
        String factorId = MfaApi.freshLogin(sub).body(MfaApi.firstFactor(sub, Map.of("label", "Mobile", "phoneNumber", MfaApi.newPhone()))).post("/factors/sms")
                .then().statusCode(201).extract().path("factorId");
        bff().body(Map.of("sub", sub, "code", lastCode(sub))).post("/factors/{id}/confirm", factorId).then().statusCode(200);
    }

    private String lastCode(String sub) {
        return ((OutboxSmsSender) sms).messagesFor(sub).get(0).text().replaceAll(".*?([0-9]{6}).*", "$1");
    }
}
