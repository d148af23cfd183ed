package com.bank.auth.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class WarmUpRuleTest {

    @Test
    void aClimbingSeriesIsStillWarming() {
        assertTrue(WarmUpRule.stillWarming(List.of(82.0, 137.0, 207.0, 258.0)));
    }

    @Test
    void oneSlowRunInAClimbDoesNotEndTheWarmUp() {
        assertTrue(WarmUpRule.stillWarming(List.of(176.0, 491.0, 1_076.0, 770.0)));
    }

    @Test
    void twoRunsWithoutA5PercentGainEndIt() {
        assertFalse(WarmUpRule.stillWarming(List.of(176.0, 491.0, 1_076.0, 770.0, 1_100.0)));
        assertFalse(WarmUpRule.stillWarming(List.of(1_000.0, 1_020.0, 1_010.0)));
    }

    @Test
    void fewerThanThreeRunsAlwaysGoOn() {
        assertTrue(WarmUpRule.stillWarming(List.of(1_000.0)));
        assertTrue(WarmUpRule.stillWarming(List.of(1_000.0, 900.0)));
    }
}
