package com.bank.auth.payments.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.bank.auth.payments.config.PaymentsConfig;
import com.bank.auth.payments.model.Account;
import com.bank.auth.payments.model.Authorisation;
import com.bank.auth.payments.service.PaymentValidator.ValidPayment;

/** The rules of DESIGN 5a in their order, without a database: what wins when several apply. */
class ScaPolicyTest {

    private static final PaymentsConfig.Limits EUR = limits("10000.00", "30.00", "100.00", 5);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // why                                      | amount   | own   | trusted | run | sum   | decision
            "high value beats own account               | 10000.01 | true  | false   | 0   | 0     | sca:high-value",
            "high value beats a trusted beneficiary     | 10000.01 | false | true    | 0   | 0     | sca:high-value",
            "exactly the high-value amount, own         | 10000.00 | true  | false   | 0   | 0     | exempt:own-account",
            "own account beats trusted                  | 500.00   | true  | true    | 0   | 0     | exempt:own-account",
            "trusted, any amount up to high value       | 9999.99  | false | true    | 5   | 100   | exempt:trusted-beneficiary",
            "a new payee above the low-value amount     | 30.01    | false | false   | 0   | 0     | sca:new-payee",
            "low value at the limit                     | 30.00    | false | false   | 0   | 0     | exempt:low-value",
            "the fifth in a row                         | 10.00    | false | false   | 4   | 90.00 | exempt:low-value",
            "the sixth in a row                         | 0.01     | false | false   | 5   | 5.00  | sca:cumulative-limit",
            "over the cumulative amount                 | 10.01    | false | false   | 3   | 90.00 | sca:cumulative-limit",
    })
    void theRulesApplyInTheirOrder(String why, String amount, boolean own, boolean trusted, int run, String sum, String expected) {
        ScaDecision decision = policy(PaymentsConfig.Policy.PSD2, Map.of("EUR", EUR)).decide(payment(amount, "EUR"), account(run, sum), own, trusted);
        assertEquals(expected, decision.scaRequired() ? "sca:" + decision.reason() : "exempt:" + decision.exemption(), why);
    }

    @Test
    void aCurrencyWithoutLimitsAlwaysNeedsSca() {
        ScaDecision decision = policy(PaymentsConfig.Policy.PSD2, Map.of("EUR", EUR)).decide(payment("1.00", "KWD"), account(0, "0"), true, true);
        assertEquals(ScaDecision.UNCONFIGURED_CURRENCY, decision.reason());
        ScaDecision threshold = policy(PaymentsConfig.Policy.THRESHOLD, Map.of("EUR", EUR)).decide(payment("1.00", "KWD"), account(0, "0"), false, false);
        assertTrue(threshold.scaRequired(), "the threshold policy does not guess a currency either");
    }

    @Test
    void theThresholdPolicyIsSeed001sRuleAlone() {
        ScaPolicy threshold = policy(PaymentsConfig.Policy.THRESHOLD, Map.of("EUR", EUR));
        assertEquals(ScaDecision.BELOW_THRESHOLD, threshold.decide(payment("10000.00", "EUR"), account(99, "5000"), false, false).exemption());
        assertEquals(ScaDecision.HIGH_VALUE, threshold.decide(payment("10000.01", "EUR"), account(0, "0"), true, true).reason());
    }

    @Test
    void scaStartsANewRunAndOnlyLowValueExemptionsExtendIt() {
        ScaPolicy policy = policy(PaymentsConfig.Policy.PSD2, Map.of("EUR", EUR));
        Account account = account(2, "40.00");
        policy.count(account, Authorisation.exempt(ScaDecision.TRUSTED_BENEFICIARY), new BigDecimal("5000.00"));
        policy.count(account, Authorisation.exempt(ScaDecision.OWN_ACCOUNT), new BigDecimal("500.00"));
        assertEquals(2, account.scaExemptCount);
        policy.count(account, Authorisation.exempt(ScaDecision.LOW_VALUE), new BigDecimal("20.00"));
        assertEquals(3, account.scaExemptCount);
        assertEquals(new BigDecimal("60.00"), account.scaExemptAmount);
        policy.count(account, Authorisation.strong("jti", List.of("otp")), new BigDecimal("20.00"));
        assertEquals(0, account.scaExemptCount);
        assertEquals(0, account.scaExemptAmount.signum());
        assertFalse(policy.decide(payment("30.00", "EUR"), account, false, false).scaRequired());
    }

    private static ValidPayment payment(String amount, String currency) {
        return new ValidPayment("DE89370400440532013000", "Shop", "GB82WEST12345698765432", new BigDecimal(amount), currency, null);
    }

    private static Account account(int run, String sum) {
        Account account = new Account();
        account.scaExemptCount = run;
        account.scaExemptAmount = new BigDecimal(sum);
        return account;
    }

    private static ScaPolicy policy(PaymentsConfig.Policy policy, Map<String, PaymentsConfig.Limits> limits) {
        PaymentsConfig.Sca sca = new PaymentsConfig.Sca() {
            public PaymentsConfig.Policy policy() {
                return policy;
            }

            public Map<String, PaymentsConfig.Limits> limits() {
                return limits;
            }
        };
        return new ScaPolicy(new PaymentsConfig() {
            public BigDecimal maxAmount() {
                return new BigDecimal("1000000.00");
            }

            public boolean demoAccounts() {
                return false;
            }

            public int defaultPageSize() {
                return 20;
            }

            public int maxPageSize() {
                return 100;
            }

            public StepUp stepUp() {
                return () -> Duration.ofMinutes(5);
            }

            public Sca sca() {
                return sca;
            }

            public Beneficiaries beneficiaries() {
                return () -> 200;
            }
        });
    }

    private static PaymentsConfig.Limits limits(String high, String low, String cumulative, int count) {
        return new PaymentsConfig.Limits() {
            public BigDecimal highValue() {
                return new BigDecimal(high);
            }

            public BigDecimal lowValue() {
                return new BigDecimal(low);
            }

            public BigDecimal cumulativeAmount() {
                return new BigDecimal(cumulative);
            }

            public int cumulativeCount() {
                return count;
            }
        };
    }
}
