package com.bank.auth.bff.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The BFF's step-up state never mixes purposes (DESIGN 5): a payment approval filed under the Idempotency-Key
 * "factor-change" or "admin" is not a session approval, a session approval is handed out only for the purpose its
 * token names, and a challenge link cannot be overwritten through a payment key. session-service is replaced by an
 * in-memory map with the same namespace/key addressing.
 */
class StepUpsTest {

    private static final String SESSION = "session-id";
    private final ObjectMapper json = new ObjectMapper();
    private final StepUps stepUps = new StepUps(new InMemoryStepUpStore().client((proxy, method, args) -> {
        throw new UnsupportedOperationException(method.getName());
    }), json);

    @Test
    void aPaymentApprovalUnderAReservedKeyIsNoSessionApproval() throws Exception {
        stepUps.storeToken(SESSION, link("payment", "factor-change"), token("payment", 300));
        stepUps.storeToken(SESSION, link("payment", "admin"), token("payment", 300));
        assertEquals(Optional.empty(), stepUps.purposeToken(SESSION, "factor-change"));
        assertEquals(Optional.empty(), stepUps.purposeToken(SESSION, "admin"));
        assertEquals(true, token(SESSION, "payment", "factor-change").isPresent(), "it still approves its own payment");
    }

    @Test
    void aSessionApprovalServesOnlyThePurposeItsTokenNames() throws Exception {
        stepUps.storeToken(SESSION, link("admin", null), token("admin", 300));
        assertEquals(Optional.empty(), stepUps.purposeToken(SESSION, "factor-change"));
        assertEquals(true, stepUps.purposeToken(SESSION, "admin").isPresent());
        // A token of another purpose stored under a purpose (a bug elsewhere) is still not handed out for it.
        stepUps.storeToken(SESSION, link("factor-change", null), token("payment", 300));
        assertEquals(Optional.empty(), stepUps.purposeToken(SESSION, "factor-change"));
    }

    @Test
    void expiredSessionApprovalsAndForgottenOnesAreGone() throws Exception {
        stepUps.storeToken(SESSION, link("factor-change", null), token("factor-change", -10));
        assertEquals(Optional.empty(), stepUps.purposeToken(SESSION, "factor-change"));
        stepUps.storeToken(SESSION, link("factor-change", null), token("factor-change", 300));
        assertEquals(true, stepUps.purposeToken(SESSION, "factor-change").isPresent());
        stepUps.forgetPurpose(SESSION, "factor-change");
        assertEquals(Optional.empty(), stepUps.purposeToken(SESSION, "factor-change"));
    }

    @Test
    void paymentAndBeneficiaryApprovalsUnderOneKeyNeverMix() throws Exception {
        stepUps.storeToken(SESSION, link("payment", "key-12345678"), token("payment", 300));
        assertEquals(Optional.empty(), token(SESSION, "beneficiary", "key-12345678"));
        stepUps.storeToken(SESSION, link("beneficiary", "key-87654321"), token("beneficiary", 300));
        assertEquals(Optional.empty(), token(SESSION, "payment", "key-87654321"));
        assertEquals(true, token(SESSION, "beneficiary", "key-87654321").isPresent());
        // A beneficiary token filed as a payment's (a confused store) is not handed out: its claim names another purpose.
        stepUps.storeToken(SESSION, link("payment", "key-00000000"), token("beneficiary", 300));
        assertEquals(Optional.empty(), token(SESSION, "payment", "key-00000000"));

        stepUps.remember(SESSION, "beneficiary", "key-11111111", "{}",
                "{\"creditorName\":\"Car Dealer\",\"creditorIban\":\"DE89370400440532013000\",\"idempotencyKey\":\"key-11111111\"}");
        assertEquals(true, stepUps.pendingRequest(SESSION, "beneficiary", "key-11111111").isPresent());
        assertEquals(Optional.empty(), stepUps.pendingRequest(SESSION, "payment", "key-11111111"));
        assertEquals("Car Dealer", stepUps.pendingRequest(SESSION, "beneficiary", "key-11111111").get().path("binding").path("creditorName").asText());
    }

    @Test
    void anApprovalComesWithTheRequestItApproved() throws Exception {
        stepUps.remember(SESSION, "payment", "key-22222222", "{\"amount\":\"50.00\"}",
                "{\"amount\":\"50.00\",\"currency\":\"EUR\",\"creditorName\":\"Shop\",\"creditorIban\":\"GB82WEST12345698765432\",\"idempotencyKey\":\"key-22222222\"}");
        assertEquals(Optional.empty(), stepUps.approvedRequest(SESSION, "payment", "key-22222222"), "not approved yet");
        StepUps.Link challenge = new StepUps.Link(StepUps.Target.of("payment", "key-22222222"),
                stepUps.pendingRequest(SESSION, "payment", "key-22222222").orElseThrow());
        stepUps.linkChallenge(SESSION, "c-2", challenge);
        // A second refusal of the same key with another body while the user approves: not what was approved.
        stepUps.remember(SESSION, "payment", "key-22222222", "{\"amount\":\"50.00\",\"remittance\":\"changed\"}",
                "{\"amount\":\"50.00\",\"currency\":\"EUR\",\"creditorName\":\"Shop\",\"creditorIban\":\"GB82WEST12345698765432\",\"idempotencyKey\":\"key-22222222\"}");
        stepUps.storeToken(SESSION, stepUps.targetOfChallenge(SESSION, "c-2").orElseThrow(), token("payment", 300));
        // And one after the approval (a double click): it neither replaces the approval nor loses it.
        stepUps.remember(SESSION, "payment", "key-22222222", "{\"amount\":\"50.00\",\"remittance\":\"later\"}",
                "{\"amount\":\"50.00\",\"currency\":\"EUR\",\"creditorName\":\"Shop\",\"creditorIban\":\"GB82WEST12345698765432\",\"idempotencyKey\":\"key-22222222\"}");
        StepUps.Approved approved = stepUps.approvedRequest(SESSION, "payment", "key-22222222").orElseThrow();
        assertEquals("{\"amount\":\"50.00\"}", approved.request());
        assertEquals(Optional.empty(), stepUps.approvedRequest(SESSION, "beneficiary", "key-22222222"));
    }

    @Test
    void aPaymentKeyCannotOverwriteAChallengeLink() {
        stepUps.linkChallenge(SESSION, "c-1", link("factor-change", null));
        stepUps.remember(SESSION, "payment", "challenge.c-1", "{}", "{\"amount\":\"1.00\"}");
        assertEquals(Optional.of(link("factor-change", null)), stepUps.targetOfChallenge(SESSION, "c-1"));
    }

    private static StepUps.Link link(String purpose, String key) {
        return StepUps.Link.of(StepUps.Target.of(purpose, key));
    }

    /** The approval of a request, as the proxy reads it. */
    private Optional<String> token(String session, String purpose, String key) {
        return stepUps.approvedRequest(session, purpose, key).map(StepUps.Approved::stepUpToken);
    }

    private static String token(String purpose, long secondsLeft) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("user").claim("purpose", purpose)
                .expirationTime(java.util.Date.from(Instant.now().plusSeconds(secondsLeft))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(new byte[32]));
        return jwt.serialize();
    }
}
