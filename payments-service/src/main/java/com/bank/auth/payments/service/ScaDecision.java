package com.bank.auth.payments.service;

import java.math.BigDecimal;

/**
 * What {@link ScaPolicy} decided for one payment: SCA with the reason the customer is told ({@code scaReason} of the
 * step-up-required problem), or the exemption that applies.
 */
public record ScaDecision(String reason, String exemption, BigDecimal limit, int exemptSoFar) {

    /** Above the currency's high-value amount (seed 001, DESIGN 5a rule 1). */
    public static final String HIGH_VALUE = "high-value";
    /** Neither own account, trusted, nor low value (rule 5). */
    public static final String NEW_PAYEE = "new-payee";
    /** Low value, but the run of exempt payments since the last SCA is used up (RTS Art. 16(b), (c)). */
    public static final String CUMULATIVE_LIMIT = "cumulative-limit";
    /** A currency without configured limits: no exemption can be computed, so SCA. */
    public static final String UNCONFIGURED_CURRENCY = "unconfigured-currency";

    public static final String OWN_ACCOUNT = "own-account";
    public static final String TRUSTED_BENEFICIARY = "trusted-beneficiary";
    public static final String LOW_VALUE = "low-value";
    /** {@code payments.sca.policy=threshold}: seed 001's rule alone (outside PSD2). */
    public static final String BELOW_THRESHOLD = "below-threshold";

    static ScaDecision sca(String reason, BigDecimal limit, int exemptSoFar) {
        return new ScaDecision(reason, null, limit, exemptSoFar);
    }

    static ScaDecision exempt(String exemption) {
        return new ScaDecision(null, exemption, null, 0);
    }

    public boolean scaRequired() {
        return reason != null;
    }
}
