package com.bank.auth.mfa.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.bank.auth.mfa.model.Challenge;
import com.bank.auth.mfa.model.Factor;
import com.bank.auth.mfa.model.PasskeyApproval;

/**
 * Keeps what a passkey approval proves (issue 27): the signed bytes as received, the public key, the canonical text
 * the challenge hashes and the step-up it produced, so the approval can be checked long after the challenge is gone.
 */
@ApplicationScoped
public class PasskeyEvidence {

    private final Passkeys passkeys;

    PasskeyEvidence(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    /** In the verification's transaction: evidence exists exactly when the step-up token does. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Challenge challenge, Factor factor, Passkeys.Assertion proof, String assertionJson, String stepUpJti, Instant now) {
        PasskeyApproval approval = new PasskeyApproval();
        approval.challengeId = challenge.id;
        approval.sub = challenge.sub;
        approval.factorId = factor.id;
        approval.purpose = challenge.purpose;
        approval.txn = challenge.txn;
        approval.signedText = challenge.signedText;
        approval.webauthnChallenge = challenge.webauthnChallenge;
        approval.credentialId = factor.credentialId;
        approval.publicKeyCose = passkeys.publicKeyCose(factor);
        approval.authenticatorData = proof.authenticatorData();
        approval.clientDataJson = proof.clientDataJson();
        approval.signature = proof.signature();
        approval.assertionHash = Passkeys.b64(Passkeys.sha256(assertionJson));
        approval.stepUpJti = stepUpJti;
        approval.approvedAt = now;
        approval.persist();
    }
}
