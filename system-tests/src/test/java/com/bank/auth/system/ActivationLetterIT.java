package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 22 on the running chain: a new customer's first factor needs the code of the activation letter the bank's
 * back office had sent (PSD2 RTS Art. 24). A phished password, signed in just now, binds nothing; the letter's code
 * does, once; a new letter is needed after that.
 */
class ActivationLetterIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFreshPasswordAloneNeverBindsAFirstFactorAndTheLettersCodeBindsOneOnce() throws Exception {
        try (TestUser user = TestUser.create(); TestUser other = TestUser.create()) {
            Browser attacker = new Browser();
            attacker.signIn(user.username(), user.password(), "/security");
            assertActivationCodeRequired(attacker.postAsApp("/bff/mfa/factors/totp", "{\"label\":\"Attacker's app\"}"));
            assertActivationCodeRequired(attacker.postAsApp("/bff/mfa/factors/sms",
                    "{\"label\":\"Attacker\",\"phoneNumber\":\"+4915112345678\"}"));
            assertActivationCodeRequired(attacker.postAsApp("/bff/mfa/factors/totp", "{\"label\":\"Guess\",\"activationCode\":\"ABCDE-FGHJK\"}"));
            // Another customer's letter does not help either.
            String othersCode = other.activationCode(Suite.MFA);
            assertActivationCodeRequired(attacker.postAsApp("/bff/mfa/factors/totp",
                    "{\"label\":\"Theirs\",\"activationCode\":\"" + othersCode + "\"}"));
            assertEquals("[]", attacker.get("/bff/mfa/factors").body().replace(" ", ""));

            // The customer's own letter arrives; they type what it shows, in lower case with spaces.
            String code = user.activationCode(Suite.MFA);
            JsonNode letters = JSON.readTree(attacker.get("/bff/mfa/letter-outbox").body());
            assertEquals(code, letters.path(0).path("activationCode").asText(), "the demo outbox shows the newest letter");
            assertTrue(letters.path(0).path("text").asText().contains(code));
            String typed = code.toLowerCase(Locale.ROOT).replace("-", " ");
            HttpResponse<String> enrolment = attacker.postAsApp("/bff/mfa/factors/totp", "{\"label\":\"My app\",\"activationCode\":\"" + typed + "\"}");
            assertEquals(201, enrolment.statusCode(), enrolment.body());
            JsonNode started = JSON.readTree(enrolment.body());
            byte[] secret = AuthenticatorApp.secretOf(started.path("otpauthUri").asText());
            HttpResponse<String> confirmed = attacker.postAsApp("/bff/mfa/factors/" + started.path("factorId").asText() + "/confirm",
                    "{\"code\":\"" + AuthenticatorApp.previousCode(secret) + "\"}");
            assertEquals(200, confirmed.statusCode(), confirmed.body());

            // The bank resets the lost factor (back office); the spent code binds nothing, a new letter does.
            TestUser.SuiteDatabase.execute("DELETE FROM mfa.factor WHERE sub = ?", user.sub());
            assertActivationCodeRequired(attacker.postAsApp("/bff/mfa/factors/totp", "{\"label\":\"Again\",\"activationCode\":\"" + code + "\"}"));
            String next = user.activationCode(Suite.MFA);
            assertEquals(201, attacker.postAsApp("/bff/mfa/factors/totp", "{\"label\":\"Again\",\"activationCode\":\"" + next + "\"}").statusCode());
        }
    }

    private static void assertActivationCodeRequired(HttpResponse<String> answer) throws Exception {
        assertEquals(403, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(JSON.readTree(answer.body()).path("type").asText().endsWith("/activation-code-required"), answer.body());
    }
}
