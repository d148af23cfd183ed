package com.bank.auth.payments.rest;

import static com.bank.auth.payments.rest.Customer.PAYEE_IBAN;
import static com.bank.auth.payments.rest.Customer.key;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.iban4j.CountryCode;
import org.iban4j.Iban;
import org.junit.jupiter.api.Test;

import com.bank.auth.common.stepup.TransactionBinding;
import com.bank.auth.testing.LocalIssuerTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.TestTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The SCA policy of DESIGN 5a on the real booking path (real PostgreSQL): each rule in its order, the atomic run of
 * low-value exemptions, and how every payment records its authorisation.
 */
@QuarkusTest
@WithTestResource(LocalIssuerTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class ScaPaymentsTest {

    @Inject
    EntityManager entityManager;

    @Test
    void aPhishedPasswordMovesAtMostFiveSmallPaymentsAndNothingLarger() {
        Customer victim = Customer.create();
        BigDecimal before = victim.balance();
        // The salami attack: 10,000.00 at a time, each under the high-value amount, each with a new key.
        for (int i = 0; i < 20; i++) {
            victim.pay("10000.00", PAYEE_IBAN, key()).then().statusCode(401).body("scaReason", equalTo("new-payee"));
        }
        victim.pay("30.01", PAYEE_IBAN, key()).then().statusCode(401).body("scaReason", equalTo("new-payee"));
        for (int i = 0; i < 5; i++) {
            victim.pay("20.00", PAYEE_IBAN, key()).then().statusCode(201).body("sca.exemption", equalTo("low-value"));
        }
        victim.pay("0.01", PAYEE_IBAN, key()).then().statusCode(401).contentType("application/problem+json")
                .body("scaReason", equalTo("cumulative-limit")).body("exemptPaymentsSinceSca", equalTo(5))
                .body("detail", equalTo("You have made 5 small payments without approval since your last approved one."));
        assertEquals(before.subtract(new BigDecimal("100.00")), victim.balance());
    }

    @Test
    void theCumulativeAmountEndsTheRunBeforeTheCount() {
        Customer customer = Customer.create();
        for (String amount : List.of("30.00", "30.00", "30.00")) {
            customer.pay(amount, PAYEE_IBAN, key()).then().statusCode(201);
        }
        // 90.00 so far: 10.00 fits (100.00 in all), 10.01 would not.
        customer.pay("10.01", PAYEE_IBAN, key()).then().statusCode(401).body("scaReason", equalTo("cumulative-limit"))
                .body("scaLimit", equalTo("100.00"));
        customer.pay("10.00", PAYEE_IBAN, key()).then().statusCode(201);
    }

    @Test
    void fiftyParallelSmallPaymentsAfterAnApprovedOneBookExactlyFiveWithoutSca() throws Exception {
        Customer customer = Customer.create();
        customer.pay("5.00", PAYEE_IBAN, key()).then().statusCode(201);
        String key = key();
        customer.pay("40.00", PAYEE_IBAN, key, customer.paymentStepUp("40.00", PAYEE_IBAN, key)).then().statusCode(201)
                .body("sca.method", equalTo("strong"));
        BigDecimal before = customer.balance();

        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Response> answers = new ArrayList<>();
        try {
            List<Callable<Response>> calls = IntStream.range(0, 50).<Callable<Response>>mapToObj(i -> () -> {
                start.await();
                return customer.pay("20.00", PAYEE_IBAN, key());
            }).toList();
            List<Future<Response>> futures = calls.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long booked = answers.stream().filter(r -> r.statusCode() == 201).count();
        List<Response> refused = answers.stream().filter(r -> r.statusCode() != 201).toList();
        assertEquals(5, booked, "exactly the run of five is booked without SCA");
        assertEquals(45, refused.size());
        for (Response r : refused) {
            assertEquals(401, r.statusCode(), "a refusal is the challenge, never a 5xx: " + r.asString());
            assertEquals("cumulative-limit", r.path("scaReason"));
        }
        assertEquals(before.subtract(new BigDecimal("100.00")), customer.balance());
        long lowValue = QuarkusTransaction.requiringNew().call(() -> (Long) entityManager.createQuery(
                "select count(p) from Payment p where p.debtorIban = :iban and p.scaExemption = 'low-value'")
                .setParameter("iban", customer.iban()).getSingleResult());
        assertEquals(6, lowValue, "the five, and the one before the approval");
    }

    @Test
    void anApprovedPaymentStartsANewRun() {
        Customer customer = Customer.create();
        for (int i = 0; i < 5; i++) {
            customer.pay("1.00", PAYEE_IBAN, key()).then().statusCode(201);
        }
        String refusedKey = key();
        customer.pay("1.00", PAYEE_IBAN, refusedKey).then().statusCode(401).body("scaReason", equalTo("cumulative-limit"));
        // The customer approves the sixth (the same key): strong, and the next five are exempt again.
        customer.pay("1.00", PAYEE_IBAN, refusedKey, customer.paymentStepUp("1.00", PAYEE_IBAN, refusedKey)).then().statusCode(201)
                .body("sca.method", equalTo("strong"));
        for (int i = 0; i < 5; i++) {
            customer.pay("1.00", PAYEE_IBAN, key()).then().statusCode(201).body("sca.exemption", equalTo("low-value"));
        }
        customer.pay("1.00", PAYEE_IBAN, key()).then().statusCode(401);
    }

    @Test
    void ownAccountsAndTrustedBeneficiariesAreExemptUpToTheHighValueAmount() {
        Customer customer = Customer.create();
        String savings = customer.openAccount(Iban.random(CountryCode.DE).toString(), "EUR", BigDecimal.ZERO);
        customer.pay("9000.00", savings, key()).then().statusCode(201).body("sca.exemption", equalTo("own-account"));
        customer.pay("10000.00", savings, key()).then().statusCode(201).body("sca.exemption", equalTo("own-account"));
        customer.pay("10000.01", savings, key()).then().statusCode(401).body("scaReason", equalTo("high-value"));

        trust(customer, PAYEE_IBAN);
        customer.pay("5000.00", PAYEE_IBAN, key()).then().statusCode(201).body("sca.method", equalTo("exempt"))
                .body("sca.exemption", equalTo("trusted-beneficiary"));
        customer.pay("10000.01", PAYEE_IBAN, key()).then().statusCode(401).body("scaReason", equalTo("high-value"));
        // Neither touched the low-value run.
        for (int i = 0; i < 5; i++) {
            customer.pay("20.00", "DE89370400440532013000", key()).then().statusCode(201).body("sca.exemption", equalTo("low-value"));
        }
        // Someone else's account is not an own account.
        customer.pay("20.00", "DE89370400440532013000", key()).then().statusCode(401).body("scaReason", equalTo("cumulative-limit"));
    }

    @Test
    void aCurrencyWithoutLimitsAlwaysNeedsSca() {
        // KWD (worth about three euros) has no configured limits: no silent EUR assumption, no exemption.
        Customer customer = Customer.create("KWD", new BigDecimal("100000.00"));
        String savings = customer.openAccount(Iban.random(CountryCode.DE).toString(), "KWD", BigDecimal.ZERO);
        for (String amount : List.of("9999.99", "1.00")) {
            customer.pay(amount, PAYEE_IBAN, key()).then().statusCode(401).body("scaReason", equalTo("unconfigured-currency"))
                    .body("currency", equalTo("KWD"));
        }
        customer.pay("1.00", savings, key()).then().statusCode(401).body("scaReason", equalTo("unconfigured-currency"));
        String key = key();
        customer.pay("9999.99", PAYEE_IBAN, key, customer.paymentStepUp("9999.99", PAYEE_IBAN, key)).then().statusCode(201)
                .body("sca.method", equalTo("strong"));
    }

    @Test
    void aStepUpOfAnotherPurposeNeverApprovesAPayment() {
        Customer customer = Customer.create();
        String key = key();
        String beneficiaryApproval = TestTokens.signStepUp(TestTokens.stepUpClaims(customer.sub(), "beneficiary",
                TransactionBinding.beneficiary(PAYEE_IBAN, key).txn()));
        customer.pay("50.00", PAYEE_IBAN, key, beneficiaryApproval).then().statusCode(401).body("scaReason", equalTo("new-payee"));
        String paymentShapedBeneficiary = TestTokens.signStepUp(TestTokens.stepUpClaims(customer.sub(), "beneficiary",
                new TransactionBinding(new BigDecimal("50.00"), "EUR", PAYEE_IBAN, key).txn()));
        customer.pay("50.00", PAYEE_IBAN, key, paymentShapedBeneficiary).then().statusCode(401);
        customer.pay("50.00", PAYEE_IBAN, key, customer.paymentStepUp("50.00", PAYEE_IBAN, key)).then().statusCode(201);
    }

    @Test
    void aPaymentToTheAccountItselfIsRefusedAndNothingIsWritten() {
        Customer customer = Customer.create();
        BigDecimal before = customer.balance();
        customer.pay("10.00", customer.iban().toLowerCase(), key()).then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("creditor.iban"));
        assertEquals(before, customer.balance());
        customer.api().get("/payments").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void paymentsBookedBeforeThePolicyReadAsUnknown() {
        Customer customer = Customer.create();
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                INSERT INTO payments.payment (id, owner_sub, debtor_iban, creditor_name, creditor_iban, amount, currency, status,
                    created_at, idempotency_key, request_hash)
                VALUES (?1, ?2, ?3, 'Old payee', ?4, 12.00, 'EUR', 'BOOKED', ?5, ?6, ?7)""")
                .setParameter(1, id).setParameter(2, customer.sub()).setParameter(3, customer.iban()).setParameter(4, PAYEE_IBAN)
                .setParameter(5, Instant.now()).setParameter(6, key()).setParameter(7, "0".repeat(64)).executeUpdate());
        customer.api().get("/payments/{id}", id).then().statusCode(200).body("sca", equalTo(Map.of("method", "unknown")));
        customer.api().get("/payments").then().statusCode(200).body("[0].sca.method", equalTo("unknown"));
    }

    private void trust(Customer customer, String iban) {
        String key = key();
        String approval = TestTokens.signStepUp(TestTokens.stepUpClaims(customer.sub(), "beneficiary",
                TransactionBinding.beneficiary(iban, key).txn()));
        customer.api().header("Idempotency-Key", key).header("Step-Up-Token", approval)
                .body(Map.of("name", "Car Dealer", "iban", iban)).post("/beneficiaries").then().statusCode(201);
    }
}
