package com.bank.auth.payments.service;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.bank.auth.payments.config.PaymentsConfig;
import com.bank.auth.payments.model.Account;

import io.quarkus.runtime.StartupEvent;

/**
 * LOCAL DEMO DATA ONLY: the accounts of the demo users of keycloak/realm-bank.json (their fixed user ids), created at
 * start when {@code payments.demo-accounts} is on (dev, test and ./suite's local profile; never by default). The IBANs
 * are valid but fictitious. An existing account is left as it is, so a restart never resets a balance.
 */
@ApplicationScoped
public class DemoAccounts {

    private record Demo(String iban, String ownerSub, String name) {
    }

    private static final List<Demo> DEMO = List.of(
            new Demo("DE89370400440532013000", "6f1c2a52-6d0b-4a3e-9f43-0a11ce000001", "Alice current account"),
            new Demo("DE12500105170648489890", "6f1c2a52-6d0b-4a3e-9f43-0b0b00000002", "Bob current account"),
            new Demo("DE77100100100123456789", "6f1c2a52-6d0b-4a3e-9f43-0ca401000003", "Carol current account"));

    @Transactional
    void onStart(@Observes StartupEvent start, PaymentsConfig config) {
        if (!config.demoAccounts()) {
            return;
        }
        int created = 0;
        for (Demo demo : DEMO) {
            if (Account.findById(demo.iban()) == null) {
                Account account = new Account();
                account.iban = demo.iban();
                account.ownerSub = demo.ownerSub();
                account.name = demo.name();
                account.currency = "EUR";
                account.balance = new BigDecimal("1000000.00");
                account.persist();
                created++;
            }
        }
        Logger.getLogger(DemoAccounts.class).warnf("payments.demo-accounts is on: %d demo accounts created (local demo only)", created);
    }
}
