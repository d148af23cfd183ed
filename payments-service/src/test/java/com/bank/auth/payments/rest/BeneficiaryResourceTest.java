package com.bank.auth.payments.rest;

import static com.bank.auth.payments.rest.Customer.key;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/** Trusted beneficiaries (DESIGN 5a, RTS Art. 13): added only with SCA bound to them, removed without, bad input refused. */
@QuarkusTest
@WithTestResource(LocalIssuerTestResource.class)
@WithTestResource(PostgresDatabaseTestResource.class)
class BeneficiaryResourceTest {

    private static final String DEALER_IBAN = "DE89370400440532013000";

    @Inject
    EntityManager entityManager;

    @Test
    void theFirstCallIsTheChallengeAndTheRetryWithABoundStepUpTrustsThePayee() {
        Customer customer = Customer.create();
        String key = key();
        add(customer, key, "Car Dealer", "de89 3704 0044 0532 0130 00", null).then().statusCode(401)
                .header("WWW-Authenticate", containsString("insufficient_user_authentication"))
                .contentType("application/problem+json").body("type", containsString("step-up-required"))
                .body("purpose", equalTo("beneficiary")).body("creditorName", equalTo("Car Dealer"))
                .body("creditorIban", equalTo(DEALER_IBAN)).body("idempotencyKey", equalTo(key)).body("amount", nullValue());
        customer.api().get("/beneficiaries").then().statusCode(200).body("size()", equalTo(0));

        String approval = approval(customer, DEALER_IBAN, key);
        Response added = add(customer, key, "Car Dealer", DEALER_IBAN, approval);
        added.then().statusCode(201).body("name", equalTo("Car Dealer")).body("iban", equalTo(DEALER_IBAN));
        add(customer, key, "Car Dealer", DEALER_IBAN, approval).then().statusCode(200).body("id", equalTo(added.<String>path("id")));
        customer.api().get("/beneficiaries").then().statusCode(200).body("iban", equalTo(List.of(DEALER_IBAN)));

        // Trusted now: 5,000.00 without a second factor; removed: the next one needs it again.
        customer.pay("5000.00", DEALER_IBAN, key()).then().statusCode(201).body("sca.exemption", equalTo("trusted-beneficiary"));
        customer.api().delete("/beneficiaries/{id}", added.<String>path("id")).then().statusCode(204);
        customer.pay("5000.00", DEALER_IBAN, key()).then().statusCode(401).body("scaReason", equalTo("new-payee"));
        customer.api().delete("/beneficiaries/{id}", added.<String>path("id")).then().statusCode(404);
    }

    @Test
    void anApprovalServesOnlyItsOwnIbanKeyAndPurposeOnce() {
        Customer customer = Customer.create();
        String key = key();
        List<String> wrong = List.of(
                approval(customer, "GB82WEST12345698765432", key),                                  // another IBAN
                approval(customer, DEALER_IBAN, key + "-other"),                                    // another request
                TestTokens.signStepUp(TestTokens.stepUpClaims(customer.sub(), "payment",
                        TransactionBinding.beneficiary(DEALER_IBAN, key).txn())),                    // a payment approval
                TestTokens.signStepUp(TestTokens.stepUpClaims(UUID.randomUUID().toString(), "beneficiary",
                        TransactionBinding.beneficiary(DEALER_IBAN, key).txn())),                    // someone else's
                "garbage");
        for (String token : wrong) {
            add(customer, key, "Car Dealer", DEALER_IBAN, token).then().statusCode(401).body("purpose", equalTo("beneficiary"));
        }
        String approval = approval(customer, DEALER_IBAN, key);
        add(customer, key, "Car Dealer", DEALER_IBAN, approval).then().statusCode(201);
        // Spent: the same token for the same IBAN under a new key does not fit, and once removed, not again either.
        String reused = TestTokens.signStepUp(TestTokens.stepUpClaims(customer.sub(), "beneficiary",
                TransactionBinding.beneficiary("GB82WEST12345698765432", "k-" + key).txn()).claim("jti", jti(approval)));
        add(customer, "k-" + key, "Shop", "GB82WEST12345698765432", reused).then().statusCode(401)
                .body("detail", containsString("already used"));
    }

    @Test
    void badInputIsA4xxNamingTheFieldAndNothingIsWritten() {
        Customer customer = Customer.create();
        add(customer, key(), "Car Dealer", "DE89370400440532013001", null).then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("iban"));
        add(customer, key(), " ", DEALER_IBAN, null).then().statusCode(422).body("errors.field", hasItem("name"));
        add(customer, key(), "Shop \u202Egnp.exe", DEALER_IBAN, null).then().statusCode(422).body("errors.field", hasItem("name"));
        add(customer, key(), "Me", customer.iban(), null).then().statusCode(422).body("errors.field", hasItem("iban"));
        customer.api().header("Idempotency-Key", key()).body(Map.of("name", "Car Dealer", "iban", DEALER_IBAN, "trusted", true))
                .post("/beneficiaries").then().statusCode(400).contentType("application/problem+json");
        customer.api().body(Map.of("name", "Car Dealer", "iban", DEALER_IBAN)).post("/beneficiaries").then().statusCode(400)
                .body("type", containsString("idempotency-key-required"));
        customer.api().delete("/beneficiaries/{id}", "not-a-uuid").then().statusCode(404);
        customer.api().get("/beneficiaries").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void theSameKeyForAnotherIbanIsAConflictAndAnIbanIsTrustedOnce() {
        Customer customer = Customer.create();
        String key = key();
        add(customer, key, "Car Dealer", DEALER_IBAN, approval(customer, DEALER_IBAN, key)).then().statusCode(201);
        add(customer, key, "Car Dealer", "GB82WEST12345698765432", approval(customer, "GB82WEST12345698765432", key)).then()
                .statusCode(409).body("type", containsString("idempotency-key-reused"));
        String again = key();
        add(customer, again, "Car Dealer again", DEALER_IBAN, null).then().statusCode(409).body("type", containsString("beneficiary-exists"));
        customer.api().get("/beneficiaries").then().body("size()", equalTo(1));
    }

    @Test
    void someoneElsesBeneficiaryCannotBeRemovedOrSeen() {
        Customer owner = Customer.create();
        Customer other = Customer.create();
        String key = key();
        String id = add(owner, key, "Car Dealer", DEALER_IBAN, approval(owner, DEALER_IBAN, key)).then().statusCode(201).extract().path("id");
        other.api().delete("/beneficiaries/{id}", id).then().statusCode(404).contentType("application/problem+json");
        other.api().get("/beneficiaries").then().body("size()", equalTo(0));
        owner.api().get("/beneficiaries").then().body("id", equalTo(List.of(id)));
        // And it makes no payment of the other customer exempt.
        other.pay("5000.00", DEALER_IBAN, key()).then().statusCode(401).body("scaReason", equalTo("new-payee"));
    }

    @Test
    void the201stBeneficiaryIsRefusedBeforeAnyApproval() {
        Customer customer = Customer.create();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 200; i++) {
                entityManager.createNativeQuery("""
                        INSERT INTO payments.beneficiary (id, owner_sub, name, iban, created_at, idempotency_key, step_up_jti)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                        .setParameter(1, UUID.randomUUID()).setParameter(2, customer.sub()).setParameter(3, "Payee " + i)
                        .setParameter(4, Iban.random(CountryCode.DE).toString()).setParameter(5, Instant.now())
                        .setParameter(6, key()).setParameter(7, UUID.randomUUID().toString()).executeUpdate();
            }
        });
        String key = key();
        add(customer, key, "Car Dealer", DEALER_IBAN, null).then().statusCode(422).body("type", containsString("beneficiary-limit"))
                .body("limit", equalTo(200));
        add(customer, key, "Car Dealer", DEALER_IBAN, approval(customer, DEALER_IBAN, key)).then().statusCode(422);
        assertEquals(200, customer.api().get("/beneficiaries").then().statusCode(200).extract().<List<?>>path("").size());
        assertEquals(new BigDecimal("1000000.00"), customer.balance());
    }

    private static Response add(Customer customer, String key, String name, String iban, String stepUpToken) {
        var request = customer.api().header("Idempotency-Key", key);
        if (stepUpToken != null) {
            request.header("Step-Up-Token", stepUpToken);
        }
        return request.body(Map.of("name", name, "iban", iban)).post("/beneficiaries");
    }

    private static String approval(Customer customer, String iban, String key) {
        return TestTokens.signStepUp(TestTokens.stepUpClaims(customer.sub(), "beneficiary", TransactionBinding.beneficiary(iban, key).txn()));
    }

    private static String jti(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"jti\":\"([^\"]+)\".*", "$1");
    }
}
