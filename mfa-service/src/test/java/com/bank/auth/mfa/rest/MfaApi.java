package com.bank.auth.mfa.rest;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.codec.binary.Base32;

import com.bank.auth.mfa.service.Totp;
import com.bank.auth.testing.Keycloak;
import com.bank.auth.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** mfa-service as the BFF calls it, plus an "authenticator app" that reads the enrolment URI. */
final class MfaApi {

    private MfaApi() {
    }

    static RequestSpecification bff() {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BFF_CLIENT, Keycloak.BFF_SECRET, "mfa");
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The BFF calling for {@code sub}, who signed in just now: it forwards their own access token (its auth_time). */
    static RequestSpecification freshLogin(String sub) {
        return bff().header("User-Token", TestTokens.userSignedInAt(sub, Instant.now()));
    }

    /** The BFF holding a factor-change approval (and a fresh login, which alone is not enough with an active factor). */
    static RequestSpecification approved(String sub, String stepUpToken) {
        return freshLogin(sub).header("Step-Up-Token", stepUpToken);
    }

    /** The back office (client bank-backoffice, scope mfa:onboarding), which alone may issue activation letters. */
    static RequestSpecification backOffice() {
        String token = Keycloak.local().cachedClientCredentials(Keycloak.BACKOFFICE_CLIENT, Keycloak.BACKOFFICE_SECRET, "mfa:onboarding");
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Has a new letter sent to {@code sub} (voiding any earlier code) and reads its code from the test outbox. */
    static String newLetter(String sub) {
        backOffice().post("/users/{sub}/activation-letters", sub).then().statusCode(201);
        String code = bff().get("/users/{sub}/letter-outbox", sub).then().statusCode(200).extract().path("[0].activationCode");
        LETTERS.put(sub, code);
        return code;
    }

    /** The code of {@code sub}'s letter: one letter per user, as a bank sends it, however many enrolments use it. */
    static String letter(String sub) {
        String code = LETTERS.get(sub);
        return code != null ? code : newLetter(sub);
    }

    /** {@code body} of a first factor's enrolment, with the code of the user's letter. */
    static Map<String, Object> firstFactor(String sub, Map<String, ?> body) {
        Map<String, Object> withCode = new java.util.HashMap<>(body);
        withCode.put("sub", sub);
        withCode.put("activationCode", letter(sub));
        return withCode;
    }

    private static final Map<String, String> LETTERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A factor-change step-up approved with {@code app}'s code of the current step plus {@code offset}. */
    static String factorChangeApproval(String sub, App app, int offset) {
        String id = bff().body(Map.of("sub", sub, "purpose", "factor-change", "factorId", app.factorId)).post("/challenges")
                .then().statusCode(201).extract().path("challengeId");
        return bff().body(Map.of("sub", sub, "code", app.code(offset))).post("/challenges/{id}/verify", id)
                .then().statusCode(200).extract().path("stepUpToken");
    }

    /** A valid German mobile number of this test's own: the per-number SMS limit counts across tests. */
    static String newPhone() {
        return "+49151" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
    }

    static String newSub() {
        return "user-" + UUID.randomUUID();
    }

    /** An enrolled and confirmed TOTP factor; the app can compute its codes. */
    static App activeTotp(String sub) {
        App app = enrolTotp(sub);
        bff().body(Map.of("sub", sub, "code", app.previousCode())).post("/factors/{id}/confirm", app.factorId).then().statusCode(200);
        return app;
    }

    /** A first factor: a fresh login and the code of the user's activation letter. */
    static App enrolTotp(String sub) {
        var enrolment = freshLogin(sub).body(firstFactor(sub, Map.of("label", "Phone app", "accountName", "alice@bank.example")))
                .post("/factors/totp").then().statusCode(201).extract();
        return new App(enrolment.path("factorId"), enrolment.path("otpauthUri"));
    }

    static Map<String, Object> paymentChallenge(String sub, String key) {
        return Map.of("sub", sub, "purpose", "payment", "binding", Map.of("amount", "12000.00", "currency", "EUR",
                "creditorName", "Electricity Ltd", "creditorIban", "DE89 3704 0044 0532 0130 00", "idempotencyKey", key));
    }

    /** What an authenticator app does with the otpauth URI. */
    record App(String factorId, String otpauthUri) {

        byte[] secret() {
            String query = URI.create(otpauthUri).getQuery();
            for (String pair : query.split("&")) {
                if (pair.startsWith("secret=")) {
                    return new Base32().decode(pair.substring(7));
                }
            }
            throw new IllegalStateException("no secret in " + otpauthUri);
        }

        /** The code of the current step plus {@code offset} (the service accepts -1, 0, +1). */
        String code(int offset) {
            Totp totp = new Totp("SHA1", 6, Duration.ofSeconds(30));
            return totp.code(secret(), totp.step(Instant.now()) + offset);
        }

        /**
         * The previous step's code, to confirm with so that the current step's stays unused for the step-up that
         * follows; taken early enough in the step that it is still the previous one when it arrives.
         */
        String previousCode() {
            com.bank.auth.testing.TotpSteps.awaitEarlyInStep();
            return code(-1);
        }

        String wrongCode() {
            String right = code(0);
            return right.equals("000000") ? "111111" : "000000";
        }
    }
}
