package com.bank.auth.mfa.rest;

import static com.bank.auth.mfa.rest.MfaApi.bff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.mfa.model.Challenge;
import com.bank.auth.mfa.service.ChallengeService;
import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.LocalUserTokensTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The audit trail says only what committed (issue 23, item 9): a verification whose transaction rolls back (here an
 * outer one the test rolls back, as a failed commit would) leaves the challenge open and writes no
 * {@code step-up-approved} event; the same verification committed writes exactly one.
 */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
@WithTestResource(LocalUserTokensTestResource.class)
class ChallengeAuditTest {

    @Inject
    ChallengeService challenges;

    @Test
    void anApprovalIsAuditedOnlyOnceItCommitted() {
        String sub = MfaApi.newSub();
        MfaApi.App app = MfaApi.activeTotp(sub);
        UUID challengeId = UUID.fromString(bff().body(MfaApi.paymentChallenge(sub, UUID.randomUUID().toString()))
                .post("/challenges").then().statusCode(201).extract().path("challengeId"));
        double before = approvals();

        QuarkusTransaction.begin();
        try {
            assertNotNull(challenges.verify(sub, challengeId, app.code(0), null).stepUpToken());
        } finally {
            QuarkusTransaction.rollback();
        }
        assertEquals(before, approvals(), "a rolled-back approval is not in the audit trail");
        assertEquals(Challenge.OPEN, QuarkusTransaction.requiringNew().call(() -> Challenge.<Challenge>findById(challengeId).status));

        assertNotNull(challenges.verify(sub, challengeId, app.code(0), null).stepUpToken());
        assertEquals(before + 1, approvals(), "the committed approval is");
    }

    private static double approvals() {
        Counter counter = Metrics.globalRegistry.find(Audit.METRIC).tags("event", "step-up-approved", "outcome", "success").counter();
        return counter == null ? 0 : counter.count();
    }
}
