package com.bank.auth.payments.model;

/** An account as its owner sees it. */
public record AccountView(String iban, String currency, String balance, String name) {

    public static AccountView of(Account a) {
        return new AccountView(a.iban, a.currency, a.balance.toPlainString(), a.name);
    }
}
