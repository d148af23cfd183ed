package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sign-in SCA when the last one is old (DESIGN 5a, PSD2 RTS Art. 10a) through the BFF: past bff.sca.login-max-age
 * (the user's last SCA set 91 days back), a password sign-in gets no account data until a login step-up; the step-up
 * serves that and nothing else; a user without a factor is not asked (there is nothing to confirm with).
 */
class SignInScaIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anOldLastScaBlocksAccountDataUntilALoginStepUp() throws Exception {
        try (TestUser user = TestUser.create()) {
            Browser first = new Browser();
            first.signIn(user.username(), user.password(), "/");
            byte[] secret = FirstFactor.activeTotp(first, user, "Phone");
            assertEquals(200, first.get("/api/accounts").statusCode(), "a factor confirmed just now is an SCA");
            TestUser.SuiteDatabase.execute("UPDATE mfa.user_sca SET last_sca_at = now() - interval '91 days' WHERE sub = ?", user.sub());

            Browser app = new Browser();
            app.signIn(user.username(), user.password(), "/");
            assertTrue(JSON.readTree(app.get("/bff/user").body()).path("loginScaRequired").asBoolean(), "the app is told at once");
            for (String path : new String[] { "/api/accounts", "/api/payments", "/api/beneficiaries" }) {
                HttpResponse<String> blocked = app.get(path);
                assertEquals(401, blocked.statusCode(), path + ": " + blocked.body());
                JsonNode problem = JSON.readTree(blocked.body());
                assertTrue(problem.path("type").asText().endsWith("/step-up-required"));
                assertEquals("login", problem.path("purpose").asText());
            }
            // A login step-up is no factor-change approval, and no payment approval.
            JsonNode challenge = JSON.readTree(app.postAsApp("/bff/mfa/challenges", "{\"purpose\":\"login\"}").body());
            HttpResponse<String> verified = app.postAsApp("/bff/mfa/challenges/" + challenge.path("challengeId").asText() + "/verify",
                    "{\"code\":\"" + AuthenticatorApp.code(secret, 0) + "\"}");
            assertEquals(200, verified.statusCode(), verified.body());
            assertEquals(200, app.get("/api/accounts").statusCode(), "served after the login step-up (the rotated session keeps it)");
            assertEquals(false, JSON.readTree(app.get("/bff/user").body()).path("loginScaRequired").asBoolean());
            HttpResponse<String> factorChange = app.postAsApp("/bff/mfa/factors/totp", "{\"label\":\"Another\"}");
            assertEquals(401, factorChange.statusCode(), factorChange.body());
            assertEquals("factor-change", JSON.readTree(factorChange.body()).path("purpose").asText());
        }
    }

    @Test
    void aUserWithoutAFactorIsNotAskedToConfirm() throws Exception {
        try (TestUser user = TestUser.create()) {
            Browser app = new Browser();
            app.signIn(user.username(), user.password(), "/");
            assertEquals(200, app.get("/api/accounts").statusCode());
        }
    }
}
