package com.bank.auth.bench.spring;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /accounts}: the caller's own accounts, the JSON payments-service answers. */
@RestController
public class AccountController {

    /** payments-service's {@code AccountView}. */
    public record AccountView(String iban, String currency, String balance, String name) {
    }

    private final AccountRepository accounts;

    AccountController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @GetMapping(path = "/accounts", produces = "application/json")
    @PreAuthorize("hasRole('USER')")
    @Transactional(readOnly = true)
    public List<AccountView> list(@AuthenticationPrincipal Jwt token) {
        return accounts.findByOwnerSubOrderByIban(token.getSubject()).stream()
                .map(a -> new AccountView(a.iban, a.currency, a.balance.toPlainString(), a.name))
                .toList();
    }
}
