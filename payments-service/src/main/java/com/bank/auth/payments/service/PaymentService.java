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
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.bank.auth.common.stepup.TransactionBinding;
import com.bank.auth.payments.model.Account;
import com.bank.auth.payments.model.Authorisation;
import com.bank.auth.payments.model.Beneficiary;
import com.bank.auth.payments.model.Payment;
import com.bank.auth.payments.model.PaymentRequest;
import com.bank.auth.payments.model.PaymentView;
import com.bank.auth.payments.service.PaymentValidator.ValidPayment;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Books payments: validation, idempotency (same key and body: the same payment; other body: 409), the SCA decision
 * ({@link ScaPolicy}) and the debit with the payment in one transaction. That transaction first locks the debtor
 * account's row, so the balance and the run of SCA-exempt payments it reads are what it then writes: concurrent
 * payments from one account can never overdraw it, nor together pass a low-value limit without SCA.
 */
@ApplicationScoped
public class PaymentService {

    public record Booking(PaymentView payment, boolean replayed) {
    }

    private final PaymentValidator validator;
    private final StepUpVerifier stepUps;
    private final SpentStepUps spent;
    private final ScaPolicy policy;
    private final EntityManager entityManager;

    PaymentService(PaymentValidator validator, StepUpVerifier stepUps, SpentStepUps spent, ScaPolicy policy, EntityManager entityManager) {
        this.validator = validator;
        this.stepUps = stepUps;
        this.spent = spent;
        this.policy = policy;
        this.entityManager = entityManager;
    }

    public Booking book(String sub, String idempotencyKey, PaymentRequest request, String stepUpToken) {
        ValidPayment payment = validator.validate(request);
        String requestHash = payment.requestHash();
        Optional<Booking> replay = replay(sub, idempotencyKey, requestHash);
        if (replay.isPresent()) {
            return replay.get();
        }
        // Signature and binding are checked before the account row is locked: the lock is held only for the booking.
        PresentedStepUp stepUp = PresentedStepUp.check(stepUps, stepUpToken, sub, StepUpTokenVerifier.PAYMENT,
                binding(idempotencyKey, payment).txn());
        try {
            Payment booked = QuarkusTransaction.requiringNew().call(() -> decideAndBook(sub, idempotencyKey, payment, requestHash, stepUp));
            Authorisation how = Authorisation.of(booked);
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("payment", booked.id);
            audit.put("amount", booked.amount.toPlainString());
            audit.put("currency", booked.currency);
            audit.put("sca", how.method());
            audit.put(how.isStrong() ? "stepUp" : "exemption", how.isStrong() ? how.stepUpJti() : how.exemption());
            Audit.event(AuditEvent.PAYMENT_BOOKED, Outcome.SUCCESS, sub, audit);
            return new Booking(PaymentView.of(booked), false);
        } catch (RuntimeException e) {
            if (violatedConstraint(e) == null) {
                throw e;
            }
            // A concurrent request with the same key won the race.
            return replay(sub, idempotencyKey, requestHash).orElseThrow(() -> e);
        }
    }

    private Payment decideAndBook(String sub, String idempotencyKey, ValidPayment p, String requestHash, PresentedStepUp stepUp) {
        Account debtor = entityManager.find(Account.class, p.debtorIban(), LockModeType.PESSIMISTIC_WRITE);
        if (debtor == null || !debtor.ownerSub.equals(sub)) {
            // Someone else's account and no account at all read the same: no existence leak.
            throw PaymentValidator.invalid(List.of(PaymentValidator.error("debtorAccount", "is not one of your accounts")));
        }
        if (!debtor.currency.equals(p.currency())) {
            throw PaymentValidator.invalid(List.of(PaymentValidator.error("currency", "must be the account's currency " + debtor.currency)));
        }
        boolean ownAccount = Account.count("iban = ?1 and ownerSub = ?2", p.creditorIban(), sub) > 0;
        ScaDecision decision = policy.decide(p, debtor, ownAccount, Beneficiary.isTrusted(sub, p.creditorIban()));
        Authorisation how = authorise(sub, idempotencyKey, p, decision, stepUp);
        if (debtor.balance.compareTo(p.amount()) < 0) {
            throw new ProblemException(Problem.of("insufficient-funds", "Insufficient funds", 422,
                    "The account balance does not cover this payment."));
        }
        debtor.balance = debtor.balance.subtract(p.amount());
        policy.count(debtor, how, p.amount());

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
        payment.scaMethod = how.method();
        payment.scaExemption = how.exemption();
        payment.stepUpJti = how.stepUpJti();
        payment.scaAmr = how.amr() == null ? null : String.join(" ", how.amr());
        payment.persist();
        payment.flush();
        return payment;
    }

    /**
     * A valid, unspent step-up for exactly this payment makes it strongly authenticated, whatever the policy says (and
     * starts a new run of exemptions). Without one, the exemption the policy found, or the challenge with its reason.
     */
    private Authorisation authorise(String sub, String idempotencyKey, ValidPayment p, ScaDecision decision, PresentedStepUp stepUp) {
        String refusal = stepUp.refusal();
        if (stepUp.valid().isPresent()) {
            JsonWebToken jwt = stepUp.valid().get();
            if (spent.spend(jwt.getTokenID(), StepUpTokenVerifier.PAYMENT)) {
                return Authorisation.strong(jwt.getTokenID(), stepUp.amr());
            }
            Audit.event(AuditEvent.STEP_UP_REFUSED, Outcome.FAILURE, sub, Map.of("purpose", "payment", "reason", "already used"));
            refusal = "The step-up token was already used.";
        }
        if (!decision.scaRequired()) {
            return Authorisation.exempt(decision.exemption());
        }
        throw stepUpRequired(idempotencyKey, p, decision, refusal);
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

    private static TransactionBinding binding(String idempotencyKey, ValidPayment p) {
        return new TransactionBinding(p.amount(), p.currency(), p.creditorIban(), idempotencyKey);
    }

    /**
     * RFC 9470's challenge with what the step-up must be bound to and why it is needed ({@code scaReason}), in words
     * the web app can show; {@code refusal} says why a step-up token that came along did not do.
     */
    private static StepUpRequiredException stepUpRequired(String idempotencyKey, ValidPayment p, ScaDecision decision, String refusal) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("amount", p.amount().toPlainString());
        binding.put("currency", p.currency());
        binding.put("creditorName", p.creditorName());
        binding.put("creditorIban", p.creditorIban());
        binding.put("idempotencyKey", idempotencyKey);
        binding.put("purpose", StepUpTokenVerifier.PAYMENT);
        binding.put("scaReason", decision.reason());
        if (decision.limit() != null) {
            binding.put("scaLimit", decision.limit().toPlainString());
        }
        binding.put("exemptPaymentsSinceSca", decision.exemptSoFar());
        return new StepUpRequiredException(refusal != null ? refusal : reasonInWords(decision, p.currency()), binding);
    }

    private static String reasonInWords(ScaDecision decision, String currency) {
        return switch (decision.reason()) {
            case ScaDecision.HIGH_VALUE -> "Payments above " + decision.limit().toPlainString() + " " + currency + " need your approval.";
            case ScaDecision.CUMULATIVE_LIMIT -> "You have made " + decision.exemptSoFar()
                    + " small payments without approval since your last approved one.";
            case ScaDecision.UNCONFIGURED_CURRENCY -> "Payments in " + currency + " always need your approval.";
            default -> "Payments to a new payee need your approval.";
        };
    }

    /** Name of the unique constraint a failed insert hit, or null for any other failure. */
    static String violatedConstraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException violation) {
                return violation.getConstraintName() == null ? "" : violation.getConstraintName();
            }
        }
        return null;
    }
}
