package com.bank.auth.bench.spring;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/** payments-service's {@code Account.ownedBy}: the owner's accounts by IBAN. */
public interface AccountRepository extends JpaRepository<Account, String> {

    List<Account> findByOwnerSubOrderByIban(String ownerSub);
}
