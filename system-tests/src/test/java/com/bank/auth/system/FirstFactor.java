package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;

import com.bank.auth.testing.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A throw-away user's first factor through the BFF, as a new customer sets it up (DESIGN 5): signed in just now, with
 * the code of the activation letter the back office had sent them.
 */
final class FirstFactor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FirstFactor() {
    }

    /** Starts the enrolment of an authenticator app with a fresh letter's code; the BFF's 201 answer. */
    static JsonNode enrolTotp(Browser app, TestUser user, String label) throws Exception {
        String code = user.activationCode(Suite.MFA);
        HttpResponse<String> enrolment = app.postAsApp("/bff/mfa/factors/totp",
                JSON.writeValueAsString(java.util.Map.of("label", label, "activationCode", code)));
        assertEquals(201, enrolment.statusCode(), enrolment.body());
        return JSON.readTree(enrolment.body());
    }

    /** Enrols and confirms an authenticator app (the code of step -1); its secret. */
    static byte[] activeTotp(Browser app, TestUser user, String label) throws Exception {
        JsonNode enrolment = enrolTotp(app, user, label);
        byte[] secret = AuthenticatorApp.secretOf(enrolment.path("otpauthUri").asText());
        HttpResponse<String> confirmed = app.postAsApp("/bff/mfa/factors/" + enrolment.path("factorId").asText() + "/confirm",
                "{\"code\":\"" + AuthenticatorApp.previousCode(secret) + "\"}");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        return secret;
    }
}
