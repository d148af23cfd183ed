package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.TestUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * DESIGN 5a on the running chain, as an attacker with a phished password would try it (issue 21): signed in through
 * the BFF as a throw-away customer with an active authenticator app, and never entering a code.
 */
class ScaPolicyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN_IBAN = "GB82WEST12345698765432";

    @Test
    void aPhishedPasswordMovesAtMostFiveSmallPaymentsAndNothingAboveThirty() throws Exception {
        try (TestUser victim = TestUser.create()) {
            Browser attacker = new Browser();
            attacker.signIn(victim.username(), victim.password(), "/");
            // The victim set up their authenticator app (with their letter); the attacker has only the password.
            FirstFactor.activeTotp(attacker, victim, "Phone");
            BigDecimal before = balance(attacker);

            // The salami attack of the issue: 100 payments of 10,000.00 to an unknown IBAN, a new key each.
            for (int i = 0; i < 100; i++) {
                HttpResponse<String> refused = pay(attacker, victim, "10000.00", UNKNOWN_IBAN, UUID.randomUUID().toString());
                assertEquals(401, refused.statusCode(), refused.body());
                assertEquals("new-payee", JSON.readTree(refused.body()).path("scaReason").asText(), refused.body());
            }
            for (String amount : new String[] { "9999.99", "30.01" }) {
                assertEquals(401, pay(attacker, victim, amount, UNKNOWN_IBAN, UUID.randomUUID().toString()).statusCode());
            }
            int booked = 0;
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> answer = pay(attacker, victim, "20.00", UNKNOWN_IBAN, UUID.randomUUID().toString());
                if (answer.statusCode() == 201) {
                    booked++;
                    assertEquals("low-value", JSON.readTree(answer.body()).path("sca").path("exemption").asText());
                } else {
                    assertEquals(401, answer.statusCode(), answer.body());
                    assertEquals("cumulative-limit", JSON.readTree(answer.body()).path("scaReason").asText());
                }
            }
            assertEquals(5, booked, "five small payments, then the second factor");
            assertEquals(before.subtract(new BigDecimal("100.00")), balance(attacker), "100.00 in all moved without a second factor");
        }
    }

    @Test
    void aPayeeTrustedWithAnApprovalIsPaidWithoutOne() throws Exception {
        try (TestUser user = TestUser.create()) {
            Browser app = new Browser();
            app.signIn(user.username(), user.password(), "/");
            byte[] secret = FirstFactor.activeTotp(app, user, "Phone");
            String key = UUID.randomUUID().toString();
            String dealer = "{\"name\":\"Car Dealer\",\"iban\":\"DE89 3704 0044 0532 0130 00\"}";

            HttpResponse<String> required = app.post("/api/beneficiaries", app.appHeaders(key), dealer);
            assertEquals(401, required.statusCode(), required.body());
            JsonNode problem = JSON.readTree(required.body());
            assertEquals("beneficiary", problem.path("purpose").asText());
            assertEquals("DE89370400440532013000", problem.path("creditorIban").asText());

            // A payment challenge under the beneficiary's key finds nothing: the namespaces never mix.
            assertEquals(404, app.postAsApp("/bff/mfa/challenges", "{\"idempotencyKey\":\"" + key + "\"}").statusCode());
            JsonNode challenge = json(app.postAsApp("/bff/mfa/challenges", "{\"purpose\":\"beneficiary\",\"idempotencyKey\":\"" + key + "\"}"), 201);
            assertEquals("Car Dealer", challenge.path("display").path("creditorName").asText());
            assertTrue(challenge.path("display").path("amount").isMissingNode(), challenge.toString());
            json(app.postAsApp("/bff/mfa/challenges/" + challenge.path("challengeId").asText() + "/verify",
                    "{\"code\":\"" + AuthenticatorApp.code(secret, 0) + "\"}"), 200);

            // The approval does not pay anything: a payment under the same key is still the challenge.
            HttpResponse<String> samekey = pay(app, user, "5000.00", "DE89370400440532013000", key);
            assertEquals(401, samekey.statusCode(), samekey.body());
            JsonNode added = json(app.post("/api/beneficiaries", app.appHeaders(key), dealer), 201);
            JsonNode list = json(app.get("/api/beneficiaries"), 200);
            assertEquals("DE89370400440532013000", list.path(0).path("iban").asText());

            JsonNode paid = json(pay(app, user, "5000.00", "DE89370400440532013000", UUID.randomUUID().toString()), 201);
            assertEquals("trusted-beneficiary", paid.path("sca").path("exemption").asText());
            JsonNode detail = json(app.get("/api/payments/" + paid.path("id").asText()), 200);
            assertEquals("exempt", detail.path("sca").path("method").asText());

            assertEquals(204, app.send("DELETE", "/api/beneficiaries/" + added.path("id").asText(), app.appHeaders(null)).statusCode());
            assertEquals(401, pay(app, user, "5000.00", "DE89370400440532013000", UUID.randomUUID().toString()).statusCode());
        }
    }

    /** What was approved is what is booked: the retry of an approved payment must be that payment (issue 23, item 6). */
    @Test
    void anApprovedPaymentCannotBeChangedOnItsRetry() throws Exception {
        try (TestUser user = TestUser.create()) {
            Browser app = new Browser();
            app.signIn(user.username(), user.password(), "/");
            byte[] secret = FirstFactor.activeTotp(app, user, "Phone");
            String key = UUID.randomUUID().toString();
            String approvedBody = "{\"debtorAccount\":\"" + user.iban() + "\",\"creditor\":{\"name\":\"Electricity Ltd\",\"iban\":\""
                    + UNKNOWN_IBAN + "\"},\"amount\":\"50.00\",\"currency\":\"EUR\",\"remittance\":\"Invoice 7\"}";
            assertEquals(401, app.post("/api/payments", app.appHeaders(key), approvedBody).statusCode());
            JsonNode challenge = JSON.readTree(app.postAsApp("/bff/mfa/challenges", "{\"idempotencyKey\":\"" + key + "\"}").body());
            assertEquals(200, app.postAsApp("/bff/mfa/challenges/" + challenge.path("challengeId").asText() + "/verify",
                    "{\"code\":\"" + AuthenticatorApp.code(secret, 0) + "\"}").statusCode());

            // Same amount, IBAN and key (the txn binding), another payee name and reference: not what the user approved.
            String changed = approvedBody.replace("Electricity Ltd", "Electricity Ltd (new account)").replace("Invoice 7", "Invoice 8");
            HttpResponse<String> refused = app.post("/api/payments", app.appHeaders(key), changed);
            assertEquals(409, refused.statusCode(), refused.body());
            assertTrue(JSON.readTree(refused.body()).path("type").asText().endsWith("/step-up-request-changed"), refused.body());
            assertEquals(0, JSON.readTree(app.get("/api/payments").body()).size(), "nothing booked");
            // The same request again (key order and spacing do not matter) is booked with its approval.
            String reordered = "{ \"amount\": \"50.00\", " + approvedBody.substring(1);
            reordered = reordered.replace(",\"amount\":\"50.00\"", "");
            HttpResponse<String> booked = app.post("/api/payments", app.appHeaders(key), reordered);
            assertEquals(201, booked.statusCode(), booked.body());
            assertEquals("strong", JSON.readTree(booked.body()).path("sca").path("method").asText());
        }
    }

    private static HttpResponse<String> pay(Browser app, TestUser user, String amount, String creditorIban, String key) {
        String payment = "{\"debtorAccount\":\"" + user.iban() + "\",\"creditor\":{\"name\":\"Payee\",\"iban\":\"" + creditorIban + "\"},"
                + "\"amount\":\"" + amount + "\",\"currency\":\"EUR\",\"remittance\":\"\"}";
        return app.post("/api/payments", app.appHeaders(key), payment);
    }

    private static BigDecimal balance(Browser app) throws Exception {
        return new BigDecimal(json(app.get("/api/accounts"), 200).path(0).path("balance").asText());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
