package com.bank.auth.payments.service;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.payments.config.PaymentsConfig;
import com.bank.auth.payments.model.Account;
import com.bank.auth.payments.model.Authorisation;
import com.bank.auth.payments.service.PaymentValidator.ValidPayment;

/**
 * The one place that decides whether a payment needs strong customer authentication (DESIGN 5a, PSD2 RTS 2018/389),
 * in this order:
 * <ol>
 * <li>above the currency's high-value amount: SCA, whatever else applies (seed 001);</li>
 * <li>to another account of the same owner: exempt (Art. 15);</li>
 * <li>to a trusted beneficiary: exempt (Art. 13);</li>
 * <li>low value: at most {@code low-value}, and with the exempt low-value payments since the account's last SCA at
 * most {@code cumulative-count} payments and {@code cumulative-amount} in all, this one included: exempt (Art. 16);</li>
 * <li>everything else: SCA.</li>
 * </ol>
 * A currency without configured limits always needs SCA. The caller holds the debtor account's row lock, so the run of
 * exempt payments it reads is the one it then {@link #count counts}: no read-then-write race.
 */
@ApplicationScoped
public class ScaPolicy {

    private final PaymentsConfig.Sca config;

    ScaPolicy(PaymentsConfig config) {
        this.config = config.sca();
    }

    public ScaDecision decide(ValidPayment payment, Account debtor, boolean ownAccount, boolean trustedBeneficiary) {
        PaymentsConfig.Limits limits = config.limits().get(payment.currency());
        if (limits == null) {
            return ScaDecision.sca(ScaDecision.UNCONFIGURED_CURRENCY, null, debtor.scaExemptCount);
        }
        BigDecimal amount = payment.amount();
        if (amount.compareTo(limits.highValue()) > 0) {
            return ScaDecision.sca(ScaDecision.HIGH_VALUE, limits.highValue(), debtor.scaExemptCount);
        }
        if (config.policy() == PaymentsConfig.Policy.THRESHOLD) {
            return ScaDecision.exempt(ScaDecision.BELOW_THRESHOLD);
        }
        if (ownAccount) {
            return ScaDecision.exempt(ScaDecision.OWN_ACCOUNT);
        }
        if (trustedBeneficiary) {
            return ScaDecision.exempt(ScaDecision.TRUSTED_BENEFICIARY);
        }
        if (amount.compareTo(limits.lowValue()) > 0) {
            return ScaDecision.sca(ScaDecision.NEW_PAYEE, limits.lowValue(), debtor.scaExemptCount);
        }
        boolean withinRun = debtor.scaExemptCount + 1 <= limits.cumulativeCount()
                && debtor.scaExemptAmount.add(amount).compareTo(limits.cumulativeAmount()) <= 0;
        return withinRun ? ScaDecision.exempt(ScaDecision.LOW_VALUE)
                : ScaDecision.sca(ScaDecision.CUMULATIVE_LIMIT, limits.cumulativeAmount(), debtor.scaExemptCount);
    }

    /**
     * The debtor account's run of exempt payments after booking one: SCA starts a new run (Art. 16: "since the last
     * application of SCA"), a low-value exemption extends it, other exemptions leave it as it is.
     */
    public void count(Account debtor, Authorisation how, BigDecimal amount) {
        if (how.isStrong()) {
            debtor.scaExemptCount = 0;
            debtor.scaExemptAmount = BigDecimal.ZERO;
        } else if (ScaDecision.LOW_VALUE.equals(how.exemption())) {
            debtor.scaExemptCount++;
            debtor.scaExemptAmount = debtor.scaExemptAmount.add(amount);
        }
    }
}
