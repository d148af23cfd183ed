package com.bank.auth.payments.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.stepup.TransactionBinding;
import com.bank.auth.payments.config.PaymentsConfig;
import com.bank.auth.payments.model.Account;
import com.bank.auth.payments.model.Payment;
import com.bank.auth.payments.model.PaymentRequest;
import com.bank.auth.payments.model.PaymentView;
import com.bank.auth.payments.service.PaymentValidator.ValidPayment;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Books payments: validation, idempotency (same key and body: the same payment; other body: 409), step-up above
 * the threshold, and the debit with the payment in one transaction. The debit is one conditional UPDATE
 * ({@code balance >= amount}), so concurrent payments from one account can never overdraw it.
 */
@ApplicationScoped
public class PaymentService {

    public record Booking(PaymentView payment, boolean replayed) {
    }

    private final PaymentValidator validator;
    private final StepUpVerifier stepUps;
    private final EntityManager entityManager;
    private final BigDecimal threshold;

    PaymentService(PaymentValidator validator, StepUpVerifier stepUps, EntityManager entityManager, PaymentsConfig config) {
        this.validator = validator;
        this.stepUps = stepUps;
        this.entityManager = entityManager;
        this.threshold = config.stepUp().threshold();
    }

    public Booking book(String sub, String idempotencyKey, PaymentRequest request, String stepUpToken) {
        ValidPayment payment = validator.validate(request);
        String requestHash = payment.requestHash();
        Optional<Booking> replay = replay(sub, idempotencyKey, requestHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        Account account = Account.<Account>find("iban = ?1 and ownerSub = ?2", payment.debtorIban(), sub).firstResult();
        if (account == null) {
            // Someone else's account and no account at all read the same: no existence leak.
            throw PaymentValidator.invalid(List.of(PaymentValidator.error("debtorAccount", "is not one of your accounts")));
        }
        if (!account.currency.equals(payment.currency())) {
            throw PaymentValidator.invalid(List.of(PaymentValidator.error("currency", "must be the account's currency " + account.currency)));
        }
        String stepUpJti = payment.amount().compareTo(threshold) > 0 ? requireStepUp(sub, idempotencyKey, payment, stepUpToken) : null;
        try {
            Payment booked = QuarkusTransaction.requiringNew().call(() -> debitAndRecord(sub, idempotencyKey, payment, requestHash, stepUpJti));
            Audit.event(AuditEvent.PAYMENT_BOOKED, Outcome.SUCCESS, sub, Map.of("payment", booked.id, "amount", booked.amount.toPlainString(),
                    "currency", booked.currency, "stepUp", stepUpJti != null));
            return new Booking(PaymentView.of(booked), false);
        } catch (RuntimeException e) {
            String constraint = violatedConstraint(e);
            if (constraint == null) {
                throw e;
            }
            // A concurrent request with the same key won the race, or the step-up token was spent meanwhile.
            return replay(sub, idempotencyKey, requestHash)
                    .orElseThrow(() -> constraint.contains("jti") ? stepUpRequired(sub, idempotencyKey, payment, "The step-up token was already used.") : e);
        }
    }

    private Payment debitAndRecord(String sub, String idempotencyKey, ValidPayment p, String requestHash, String stepUpJti) {
        int debited = entityManager.createQuery("""
                update Account a set a.balance = a.balance - :amount, a.version = a.version + 1
                where a.iban = :iban and a.ownerSub = :sub and a.balance >= :amount""")
                .setParameter("amount", p.amount()).setParameter("iban", p.debtorIban()).setParameter("sub", sub)
                .executeUpdate();
        if (debited == 0) {
            throw new ProblemException(Problem.of("insufficient-funds", "Insufficient funds", 422,
                    "The account balance does not cover this payment."));
        }
        Payment payment = new Payment();
        payment.id = UUID.randomUUID();
        payment.ownerSub = sub;
        payment.debtorIban = p.debtorIban();
        payment.creditorName = p.creditorName();
        payment.creditorIban = p.creditorIban();
        payment.amount = p.amount();
        payment.currency = p.currency();
        payment.remittance = p.remittance();
        payment.status = Payment.Status.BOOKED;
        payment.createdAt = Instant.now();
        payment.idempotencyKey = idempotencyKey;
        payment.requestHash = requestHash;
        payment.stepUpJti = stepUpJti;
        payment.persist();
        payment.flush();
        return payment;
    }

    private Optional<Booking> replay(String sub, String idempotencyKey, String requestHash) {
        Payment existing = Payment.<Payment>find("ownerSub = ?1 and idempotencyKey = ?2", sub, idempotencyKey).firstResult();
        if (existing == null) {
            return Optional.empty();
        }
        if (!existing.requestHash.equals(requestHash)) {
            throw new ProblemException(Problem.of("idempotency-key-reused", "Idempotency key reused", 409,
                    "This Idempotency-Key was used for a different payment."));
        }
        return Optional.of(new Booking(PaymentView.of(existing), true));
    }

    /** The step-up token's id if it is valid for exactly this payment and never used; else the challenge again. */
    private String requireStepUp(String sub, String idempotencyKey, ValidPayment p, String stepUpToken) {
        String expectedTxn = binding(idempotencyKey, p).txn();
        Optional<JsonWebToken> stepUp = stepUps.verify(stepUpToken, sub, "payment");
        if (stepUp.isEmpty()) {
            throw stepUpRequired(sub, idempotencyKey, p, "Payments above " + threshold.toPlainString() + " need a second factor.");
        }
        JsonWebToken jwt = stepUp.get();
        if (!expectedTxn.equals(jwt.getClaim("txn"))) {
            Audit.event(AuditEvent.STEP_UP_REFUSED, Outcome.FAILURE, sub, Map.of("purpose", "payment", "reason", "bound to another payment"));
            throw stepUpRequired(sub, idempotencyKey, p, "The step-up does not match this payment.");
        }
        if (Payment.count("stepUpJti", jwt.getTokenID()) > 0) {
            Audit.event(AuditEvent.STEP_UP_REFUSED, Outcome.FAILURE, sub, Map.of("purpose", "payment", "reason", "already used"));
            throw stepUpRequired(sub, idempotencyKey, p, "The step-up token was already used.");
        }
        return jwt.getTokenID();
    }

    private static TransactionBinding binding(String idempotencyKey, ValidPayment p) {
        return new TransactionBinding(p.amount(), p.currency(), p.creditorIban(), idempotencyKey);
    }

    private static StepUpRequiredException stepUpRequired(String sub, String idempotencyKey, ValidPayment p, String why) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("amount", p.amount().toPlainString());
        binding.put("currency", p.currency());
        binding.put("creditorName", p.creditorName());
        binding.put("creditorIban", p.creditorIban());
        binding.put("idempotencyKey", idempotencyKey);
        binding.put("purpose", "payment");
        return new StepUpRequiredException(why, binding);
    }

    /** Name of the unique constraint a failed insert hit, or null for any other failure. */
    private static String violatedConstraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException violation) {
                return violation.getConstraintName() == null ? "" : violation.getConstraintName();
            }
        }
        return null;
    }
}
