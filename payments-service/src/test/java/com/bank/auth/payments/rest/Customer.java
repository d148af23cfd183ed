package com.bank.auth.payments.rest;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.iban4j.CountryCode;
import org.iban4j.Iban;

import com.bank.auth.common.stepup.TransactionBinding;
import com.bank.auth.payments.model.Account;
import com.bank.auth.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A customer of its own for one test (a random subject and a fresh account in the test database), so that each test
 * starts with an empty run of SCA-exempt payments and no other test's payments count against its limits.
 */
record Customer(String sub, String iban, String currency) {

    static final String PAYEE_IBAN = "GB82WEST12345698765432";

    static Customer create() {
        return create("EUR", new BigDecimal("1000000.00"));
    }

    static Customer create(String currency, BigDecimal balance) {
        Customer customer = new Customer(UUID.randomUUID().toString(), Iban.random(CountryCode.DE).toString(), currency);
        customer.openAccount(customer.iban, currency, balance);
        return customer;
    }

    /** Another account of this customer (RTS Art. 15: payments between them are exempt). */
    String openAccount(String iban, String accountCurrency, BigDecimal balance) {
        QuarkusTransaction.requiringNew().run(() -> {
            Account account = new Account();
            account.iban = iban;
            account.ownerSub = sub;
            account.name = "Test account";
            account.currency = accountCurrency;
            account.balance = balance;
            account.persist();
        });
        return iban;
    }

    RequestSpecification api() {
        return given().auth().oauth2(TestTokens.user(sub)).contentType(ContentType.JSON);
    }

    Response pay(String amount, String creditorIban, String key) {
        return pay(amount, creditorIban, key, null);
    }

    Response pay(String amount, String creditorIban, String key, String stepUpToken) {
        RequestSpecification request = api().header("Idempotency-Key", key);
        if (stepUpToken != null) {
            request.header("Step-Up-Token", stepUpToken);
        }
        return request.body(payment(amount, creditorIban)).post("/payments");
    }

    Map<String, Object> payment(String amount, String creditorIban) {
        return Map.of("debtorAccount", iban, "creditor", Map.of("name", "Electricity Ltd", "iban", creditorIban),
                "amount", amount, "currency", currency, "remittance", "Invoice 2026-11");
    }

    /** A step-up from "mfa-service" approving exactly this payment. */
    String paymentStepUp(String amount, String creditorIban, String key) {
        return TestTokens.signStepUp(TestTokens.stepUpClaims(sub, "payment",
                new TransactionBinding(new BigDecimal(amount), currency, creditorIban, key).txn()));
    }

    BigDecimal balance() {
        return new BigDecimal(api().get("/accounts").then().statusCode(200).extract().<String>path("find { it.iban == '" + iban + "' }.balance"));
    }

    static String key() {
        return UUID.randomUUID().toString();
    }
}
