package com.bank.auth.payments.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.iban4j.CountryCode;
import org.iban4j.Iban;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.bank.auth.common.stepup.TransactionBinding;
import com.bank.auth.testing.LocalIssuerTestResource;
import com.bank.auth.testing.PostgresDatabaseTestResource;
import com.bank.auth.testing.TestTokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Accounts, payments, idempotency and step-up against a real PostgreSQL (throw-away database). */
@QuarkusTest
@WithTestResource(LocalIssuerTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class PaymentResourceTest {

    private static final String ALICE_IBAN = "DE89370400440532013000";
    private static final String BOB_IBAN = "DE12500105170648489890";
    private static final String CREDITOR_IBAN = "GB82WEST12345698765432";

    @Test
    void aSmallPaymentIsBookedAndDebitedOnce() {
        Customer customer = Customer.create();
        BigDecimal before = customer.balance();
        String key = key();
        Response booked = customer.pay("25.00", CREDITOR_IBAN, key);
        booked.then().statusCode(201).body("status", equalTo("BOOKED")).body("amount", equalTo("25.00"))
                .body("creditor.iban", equalTo(CREDITOR_IBAN))
                .body("sca.method", equalTo("exempt")).body("sca.exemption", equalTo("low-value"));
        // The same key and body again: the same payment, not a second booking.
        customer.pay("25.00", CREDITOR_IBAN, key).then().statusCode(200).body("id", equalTo(booked.<String>path("id")));
        assertEquals(before.subtract(new BigDecimal("25.00")), customer.balance());
        customer.api().get("/payments/{id}", booked.<String>path("id")).then().statusCode(200).body("amount", equalTo("25.00"))
                .body("sca.exemption", equalTo("low-value"));
        customer.api().get("/payments").then().statusCode(200).body("id", hasItem(booked.<String>path("id")))
                .body("sca.method", hasItem("exempt"));
    }

    @Test
    void theSameKeyWithAnotherBodyIsAConflict() {
        Customer customer = Customer.create();
        String key = key();
        customer.pay("1.00", CREDITOR_IBAN, key).then().statusCode(201);
        customer.pay("2.00", CREDITOR_IBAN, key).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void anIdempotencyKeyIsRequired() {
        as(TestTokens.ALICE).body(payment(ALICE_IBAN, "1.00")).post("/payments").then().statusCode(400)
                .contentType("application/problem+json").body("type", containsString("idempotency-key-required"));
        as(TestTokens.ALICE).header("Idempotency-Key", "bad key with spaces").body(payment(ALICE_IBAN, "1.00")).post("/payments")
                .then().statusCode(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad checksum          | creditor.iban | {'debtorAccount':'DE89370400440532013000','creditor':{'name':'Shop','iban':'GB82WEST12345698765433'},'amount':'1.00','currency':'EUR'}",
            "bad country length    | creditor.iban | {'debtorAccount':'DE89370400440532013000','creditor':{'name':'Shop','iban':'DE8937040044053201300'},'amount':'1.00','currency':'EUR'}",
            "zero amount           | amount        | {'debtorAccount':'DE89370400440532013000','creditor':{'name':'Shop','iban':'GB82WEST12345698765432'},'amount':'0.00','currency':'EUR'}",
            "negative amount       | amount        | {'debtorAccount':'DE89370400440532013000','creditor':{'name':'Shop','iban':'GB82WEST12345698765432'},'amount':'-5.00','currency':'EUR'}",
            "three decimals        | amount        | {'debtorAccount':'DE89370400440532013000','creditor':{'name':'Shop','iban':'GB82WEST12345698765432'},'amount':'1.005','currency':'EUR'}",
            "above the upper bound | amount        | {'debtorAccount':'DE89370400440532013000','creditor':{'name':'Shop','iban':'GB82WEST12345698765432'},'amount':'1000000.01','currency':'EUR'}",
            "unknown currency      | currency      | {'debtorAccount':'DE89370400440532013000','creditor':{'name':'Shop','iban':'GB82WEST12345698765432'},'amount':'1.00','currency':'XYZ'}",
            "not the account's     | currency      | {'debtorAccount':'DE89370400440532013000','creditor':{'name':'Shop','iban':'GB82WEST12345698765432'},'amount':'1.00','currency':'USD'}",
            "no creditor name      | creditor.name | {'debtorAccount':'DE89370400440532013000','creditor':{'name':' ','iban':'GB82WEST12345698765432'},'amount':'1.00','currency':'EUR'}",
            "someone else's account| debtorAccount | {'debtorAccount':'DE12500105170648489890','creditor':{'name':'Shop','iban':'GB82WEST12345698765432'},'amount':'1.00','currency':'EUR'}",
    })
    void invalidPaymentsAre422WithTheField(String why, String field, String body) {
        as(TestTokens.ALICE).header("Idempotency-Key", key()).body(body.replace('\'', '"')).post("/payments").then()
                .statusCode(422).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "right-to-left override in the name | creditor.name | Shop \u202Egnp.exe | ",
            "zero-width space in the name       | creditor.name | Sh\u200Bop            | ",
            "line break in the remittance       | remittance    | Shop                  | Invoice\\n42",
            "left-to-right isolate in remittance| remittance    | Shop                  | Invoice \u2066 42",
    })
    void controlAndBidiCharactersAreRefused(String why, String field, String name, String remittance) {
        Map<String, Object> body = new LinkedHashMap<>(payment(ALICE_IBAN, "1.00"));
        body.put("creditor", Map.of("name", unescape(name), "iban", CREDITOR_IBAN));
        if (remittance != null) {
            body.put("remittance", unescape(remittance));
        }
        as(TestTokens.ALICE).header("Idempotency-Key", key()).body(body).post("/payments").then()
                .statusCode(422).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    @ParameterizedTest
    @ValueSource(strings = { "TR330006100519786457841326", "SA0380000000608010167519", "AE070331234567890123456",
            "BR1800360305000010009795493C1", "QA58DOHB00001234567890ABCDEFG", "KW81CBKU0000000000001234560101",
            "JO94CBJO0010000000000131000302", "PK36SCBL0000001123456702", "IL620108000000099999999",
            "UA213223130000026007233566001", "GE29NB0000000101904917" })
    void ibansOfMoreCountriesAreBooked(String iban) {
        Customer customer = Customer.create();
        Map<String, Object> body = new LinkedHashMap<>(customer.payment("1.00", CREDITOR_IBAN));
        body.put("creditor", Map.of("name", "Überweisung Empfänger", "iban", iban));
        customer.api().header("Idempotency-Key", key()).body(body).post("/payments").then().statusCode(201)
                .body("creditor.iban", equalTo(iban));
    }

    @Test
    void namesAreBookedInNfc() {
        Customer customer = Customer.create();
        Map<String, Object> body = new LinkedHashMap<>(customer.payment("1.00", CREDITOR_IBAN));
        body.put("creditor", Map.of("name", "Cafe\u0301 Zoe\u0308", "iban", CREDITOR_IBAN));
        customer.api().header("Idempotency-Key", key()).body(body).post("/payments").then().statusCode(201)
                .body("creditor.name", equalTo("Caf\u00E9 Zo\u00EB"));
    }

    /** A CSV value cannot hold a line break: it is written as a backslash and an n. */
    private static String unescape(String csv) {
        return csv.replace("\\n", "\n");
    }

    @Test
    void overlongRemittanceIsRefused() {
        Map<String, Object> body = new LinkedHashMap<>(payment(ALICE_IBAN, "1.00"));
        body.put("remittance", "x".repeat(141));
        as(TestTokens.ALICE).header("Idempotency-Key", key()).body(body).post("/payments").then()
                .statusCode(422).body("errors.field", hasItem("remittance"));
    }

    @Test
    void malformedJsonAndUnknownFieldsAre400() {
        as(TestTokens.ALICE).header("Idempotency-Key", key()).body("{\"amount\":").post("/payments").then()
                .statusCode(400).contentType("application/problem+json");
        Map<String, Object> body = new LinkedHashMap<>(payment(ALICE_IBAN, "1.00"));
        body.put("status", "BOOKED");
        as(TestTokens.ALICE).header("Idempotency-Key", key()).body(body).post("/payments").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("status"));
    }

    @Test
    void someoneElsesPaymentIsNotFound() {
        String id = Customer.create().pay("3.00", CREDITOR_IBAN, key()).then().statusCode(201).extract().path("id");
        as(TestTokens.BOB).get("/payments/{id}", id).then().statusCode(404).contentType("application/problem+json");
        as(TestTokens.BOB).get("/payments/{id}", "not-a-uuid").then().statusCode(404);
        as(TestTokens.BOB).get("/payments/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void badPagingIs400() {
        as(TestTokens.ALICE).queryParam("size", "100000").get("/payments").then().statusCode(400);
        as(TestTokens.ALICE).queryParam("page", "-1").get("/payments").then().statusCode(400);
        as(TestTokens.ALICE).queryParam("page", "abc").get("/payments").then().statusCode(400);
    }

    @Test
    void insufficientFundsIs422AndNothingIsWritten() {
        Customer customer = Customer.create("EUR", new BigDecimal("10.00"));
        String key = key();
        customer.pay("10.01", CREDITOR_IBAN, key).then().statusCode(422).body("type", containsString("insufficient-funds"));
        assertEquals(new BigDecimal("10.00"), customer.balance());
        // Nothing half-written: the key is still free for a payment that fits, and the refused one did not count
        // against the low-value run.
        customer.pay("10.00", CREDITOR_IBAN, key).then().statusCode(201);
        assertEquals(new BigDecimal("0.00"), customer.balance());
    }

    @Test
    void fiftyConcurrentPaymentsLeaveTheBalanceExact() throws Exception {
        Customer customer = Customer.create();
        // Between the customer's own accounts (exempt, RTS Art. 15), so that all 50 are booked.
        String savings = customer.openAccount(Iban.random(CountryCode.DE).toString(), "EUR", BigDecimal.ZERO);
        BigDecimal before = customer.balance();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> calls = IntStream.range(0, 50).<Callable<Integer>>mapToObj(i -> () ->
                    customer.pay("1.01", savings, key()).statusCode()).toList();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertEquals(201, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before.subtract(new BigDecimal("50.50")), customer.balance());
    }

    @Test
    void aLargePaymentNeedsAStepUpBoundToIt() {
        Customer customer = Customer.create();
        BigDecimal before = customer.balance();
        String key = key();
        customer.pay("12000.00", CREDITOR_IBAN, key).then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("error=\"insufficient_user_authentication\""))
                .header("WWW-Authenticate", containsString("acr_values=\"urn:bank:acr:mfa\""))
                .contentType("application/problem+json")
                .body("type", equalTo("https://bank.example/problems/step-up-required"))
                .body("amount", equalTo("12000.00")).body("currency", equalTo("EUR"))
                .body("creditorIban", equalTo(CREDITOR_IBAN)).body("creditorName", equalTo("Electricity Ltd"))
                .body("idempotencyKey", equalTo(key)).body("scaReason", equalTo("high-value")).body("scaLimit", equalTo("10000.00"));

        String stepUp = customer.paymentStepUp("12000.00", CREDITOR_IBAN, key);
        customer.pay("12000.00", CREDITOR_IBAN, key, stepUp).then().statusCode(201).body("status", equalTo("BOOKED"))
                .body("sca.method", equalTo("strong")).body("sca.amr", equalTo(List.of("otp")))
                .body("sca.stepUpJti", notNullValue()).body("sca.exemption", nullValue());
        assertEquals(before.subtract(new BigDecimal("12000.00")), customer.balance());
        // The retry with the same key and step-up is the same payment.
        customer.pay("12000.00", CREDITOR_IBAN, key, stepUp).then().statusCode(200);
    }

    @Test
    void aStepUpThatDoesNotFitIsTheChallengeAgainAndNothingIsBooked() {
        // A customer of its own (issue 23: the demo account's balance was shared with the other tests).
        Customer customer = Customer.create();
        String me = customer.sub();
        BigDecimal before = customer.balance();
        String key = key();
        Instant now = Instant.now();
        List<String> wrong = List.of(
                stepUp(me, "payment", txn("12000.01", key)),                      // another amount
                stepUp(me, "payment", txn("12000.00", key + "-other")),           // another payment
                stepUp(TestTokens.BOB, "payment", txn("12000.00", key)),                        // another user
                stepUp(me, "admin", txn("12000.00", key)),                        // another purpose
                TestTokens.signStepUp(TestTokens.stepUpClaims(me, "payment", txn("12000.00", key))
                        .issuedAt(now.minusSeconds(400)).expiresAt(now.minusSeconds(100))),       // expired
                TestTokens.signStepUp(TestTokens.stepUpClaims(me, "payment", txn("12000.00", key))
                        .expiresAt(now.plusSeconds(3600))),                                     // lives too long
                TestTokens.signStepUp(TestTokens.stepUpClaims(me, "payment", txn("12000.00", key))
                        .claim("acr", "1")),                                                    // not an MFA acr
                TestTokens.stepUpClaims(me, "payment", txn("12000.00", key)).jws()
                        .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.ES256)
                        .keyId(com.bank.auth.testing.LocalIssuer.get().mfaKey().getKeyId()).header("typ", "JWT")
                        .sign(com.bank.auth.testing.LocalIssuer.get().mfaKey().getPrivateKey()),   // wrong typ
                TestTokens.user(me),                                                            // an access token
                "garbage");
        for (String token : wrong) {
            customer.pay("12000.00", CREDITOR_IBAN, key, token).then()
                    .statusCode(401).body("type", equalTo("https://bank.example/problems/step-up-required"));
        }
        assertEquals(before, customer.balance());
    }

    @Test
    void aStepUpTokenIsSpentByOnePayment() {
        Customer customer = Customer.create();
        String jti = UUID.randomUUID().toString();
        String firstKey = key();
        String first = TestTokens.signStepUp(TestTokens.stepUpClaims(customer.sub(), "payment", txn("15000.00", firstKey)).claim("jti", jti));
        customer.pay("15000.00", CREDITOR_IBAN, firstKey, first).then().statusCode(201);
        String secondKey = key();
        String reused = TestTokens.signStepUp(TestTokens.stepUpClaims(customer.sub(), "payment", txn("15000.00", secondKey)).claim("jti", jti));
        customer.pay("15000.00", CREDITOR_IBAN, secondKey, reused).then().statusCode(401).body("type", containsString("step-up-required"));
    }

    @Test
    void adminListingNeedsTheRoleAndAFreshAdminStepUpThatServesOnce() {
        as(TestTokens.ALICE).get("/admin/payments").then().statusCode(403);
        RequestSpecification carol = given().auth().oauth2(TestTokens.user(TestTokens.CAROL, "USER", "ADMIN"));
        carol.get("/admin/payments").then().statusCode(401)
                .header("WWW-Authenticate", containsString("insufficient_user_authentication"))
                .body("purpose", equalTo("admin"));
        given().auth().oauth2(TestTokens.user(TestTokens.CAROL, "USER", "ADMIN"))
                .header("Step-Up-Token", stepUp(TestTokens.CAROL, "payment", "x")).get("/admin/payments").then().statusCode(401);
        given().auth().oauth2(TestTokens.user(TestTokens.CAROL, "USER", "ADMIN"))
                .header("Step-Up-Token", stepUp(TestTokens.ALICE, "admin", null)).get("/admin/payments").then().statusCode(401);
        String approval = stepUp(TestTokens.CAROL, "admin", null);
        given().auth().oauth2(TestTokens.user(TestTokens.CAROL, "USER", "ADMIN"))
                .header("Step-Up-Token", approval).get("/admin/payments").then().statusCode(200);
        // One approval, one admin operation: the same token again is the challenge again.
        given().auth().oauth2(TestTokens.user(TestTokens.CAROL, "USER", "ADMIN"))
                .header("Step-Up-Token", approval).get("/admin/payments").then().statusCode(401)
                .body("purpose", equalTo("admin")).body("detail", containsString("already used"));
    }

    @Test
    void accountsAreTheCallersOwn() {
        as(TestTokens.BOB).get("/accounts").then().statusCode(200)
                .body("iban", equalTo(List.of(BOB_IBAN))).body("[0].currency", equalTo("EUR"));
    }

    private static RequestSpecification as(String sub) {
        return given().auth().oauth2(TestTokens.user(sub)).contentType(ContentType.JSON);
    }

    private static Map<String, Object> payment(String debtor, String amount) {
        return Map.of("debtorAccount", debtor, "creditor", Map.of("name", "Electricity Ltd", "iban", CREDITOR_IBAN),
                "amount", amount, "currency", "EUR", "remittance", "Invoice 2026-11");
    }

    private static String stepUp(String sub, String purpose, String txn) {
        return TestTokens.signStepUp(TestTokens.stepUpClaims(sub, purpose, txn));
    }

    private static String txn(String amount, String key) {
        return new TransactionBinding(new BigDecimal(amount), "EUR", CREDITOR_IBAN, key).txn();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
