package com.bank.auth.payments.service;

import java.time.Instant;
import java.util.ArrayList;
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
import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.bank.auth.common.stepup.TransactionBinding;
import com.bank.auth.payments.config.PaymentsConfig;
import com.bank.auth.payments.model.Account;
import com.bank.auth.payments.model.Beneficiary;
import com.bank.auth.payments.model.BeneficiaryRequest;
import com.bank.auth.payments.model.BeneficiaryView;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Trusted beneficiaries (DESIGN 5a, RTS Art. 13). Adding one needs a step-up of purpose {@code beneficiary} bound to
 * its IBAN and the request's Idempotency-Key (the first call is the challenge); removing one needs none. Everything
 * that can be refused without SCA (bad input, the limit, an IBAN already trusted) is refused before the challenge, so
 * nobody approves something that then fails.
 */
@ApplicationScoped
public class BeneficiaryService {

    public record Added(BeneficiaryView beneficiary, boolean replayed) {
    }

    private record ValidBeneficiary(String name, String iban) {
    }

    private final StepUpVerifier stepUps;
    private final SpentStepUps spent;
    private final EntityManager entityManager;
    private final int maxPerOwner;

    BeneficiaryService(StepUpVerifier stepUps, SpentStepUps spent, EntityManager entityManager, PaymentsConfig config) {
        this.stepUps = stepUps;
        this.spent = spent;
        this.entityManager = entityManager;
        this.maxPerOwner = config.beneficiaries().maxPerOwner();
    }

    public List<BeneficiaryView> list(String sub) {
        return Beneficiary.ownedBy(sub).stream().map(BeneficiaryView::of).toList();
    }

    public Added add(String sub, String idempotencyKey, BeneficiaryRequest request, String stepUpToken) {
        ValidBeneficiary wanted = validate(request);
        Optional<Added> replay = replay(sub, idempotencyKey, wanted);
        if (replay.isPresent()) {
            return replay.get();
        }
        refuseWithoutSca(sub, wanted);
        PresentedStepUp stepUp = PresentedStepUp.check(stepUps, stepUpToken, sub, StepUpTokenVerifier.BENEFICIARY,
                TransactionBinding.beneficiary(wanted.iban(), idempotencyKey).txn());
        JsonWebToken approval = stepUp.valid().orElseThrow(() -> stepUpRequired(idempotencyKey, wanted, stepUp.refusal()));
        try {
            Beneficiary added = QuarkusTransaction.requiringNew().call(() -> insert(sub, idempotencyKey, wanted, approval));
            Audit.event(AuditEvent.BENEFICIARY_ADDED, Outcome.SUCCESS, sub, Map.of("beneficiary", added.id, "stepUp", added.stepUpJti));
            return new Added(BeneficiaryView.of(added), false);
        } catch (RuntimeException e) {
            String constraint = PaymentService.violatedConstraint(e);
            if (constraint == null) {
                throw e;
            }
            // A concurrent request with the same key, or for the same IBAN, won the race.
            return replay(sub, idempotencyKey, wanted).orElseThrow(() -> alreadyTrusted());
        }
    }

    public void remove(String sub, String id) {
        UUID beneficiaryId = parse(id);
        long removed = beneficiaryId == null ? 0
                : QuarkusTransaction.requiringNew().call(() -> Beneficiary.delete("id = ?1 and ownerSub = ?2", beneficiaryId, sub));
        if (removed == 0) {
            throw notFound();
        }
        Audit.event(AuditEvent.BENEFICIARY_REMOVED, Outcome.SUCCESS, sub, Map.of("beneficiary", beneficiaryId));
    }

    private Beneficiary insert(String sub, String idempotencyKey, ValidBeneficiary wanted, JsonWebToken approval) {
        // One owner's additions one at a time, so the count below is the count the insert lands on (no 201st by a race).
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))").setParameter(1, "beneficiary:" + sub)
                .getSingleResult();
        if (Beneficiary.count("ownerSub", sub) >= maxPerOwner) {
            throw limitReached();
        }
        if (!spent.spend(approval.getTokenID(), StepUpTokenVerifier.BENEFICIARY)) {
            throw stepUpRequired(idempotencyKey, wanted, "The step-up token was already used.");
        }
        Beneficiary beneficiary = new Beneficiary();
        beneficiary.id = UUID.randomUUID();
        beneficiary.ownerSub = sub;
        beneficiary.name = wanted.name();
        beneficiary.iban = wanted.iban();
        beneficiary.createdAt = Instant.now();
        beneficiary.idempotencyKey = idempotencyKey;
        beneficiary.stepUpJti = approval.getTokenID();
        beneficiary.persist();
        beneficiary.flush();
        return beneficiary;
    }

    private void refuseWithoutSca(String sub, ValidBeneficiary wanted) {
        if (Account.count("iban = ?1 and ownerSub = ?2", wanted.iban(), sub) > 0) {
            throw invalid(List.of(error("iban", "is one of your own accounts: payments to it need no approval")));
        }
        if (Beneficiary.isTrusted(sub, wanted.iban())) {
            throw alreadyTrusted();
        }
        if (Beneficiary.count("ownerSub", sub) >= maxPerOwner) {
            throw limitReached();
        }
    }

    private static Optional<Added> replay(String sub, String idempotencyKey, ValidBeneficiary wanted) {
        Beneficiary existing = Beneficiary.<Beneficiary>find("ownerSub = ?1 and idempotencyKey = ?2", sub, idempotencyKey).firstResult();
        if (existing == null) {
            return Optional.empty();
        }
        if (!existing.iban.equals(wanted.iban()) || !existing.name.equals(wanted.name())) {
            throw new ProblemException(Problem.of("idempotency-key-reused", "Idempotency key reused", 409,
                    "This Idempotency-Key was used for a different beneficiary."));
        }
        return Optional.of(new Added(BeneficiaryView.of(existing), true));
    }

    private static ValidBeneficiary validate(BeneficiaryRequest request) {
        if (request == null) {
            throw invalid(List.of(error("body", "is required")));
        }
        List<Map<String, String>> errors = new ArrayList<>();
        PaymentRules.textProblem(request.name(), true).ifPresent(p -> errors.add(error("name", p)));
        PaymentRules.ibanProblem(request.iban()).ifPresent(p -> errors.add(error("iban", p)));
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new ValidBeneficiary(PaymentRules.normaliseText(request.name()), PaymentRules.normaliseIban(request.iban()));
    }

    private static StepUpRequiredException stepUpRequired(String idempotencyKey, ValidBeneficiary wanted, String refusal) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("creditorName", wanted.name());
        binding.put("creditorIban", wanted.iban());
        binding.put("idempotencyKey", idempotencyKey);
        binding.put("purpose", StepUpTokenVerifier.BENEFICIARY);
        return new StepUpRequiredException(refusal != null ? refusal : "Trusting a payee needs your approval.", binding);
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static ProblemException invalid(List<Map<String, String>> errors) {
        return new ProblemException(Problem.of("invalid-beneficiary", "Invalid beneficiary", 422, "The beneficiary has invalid fields.")
                .with(Map.of("errors", errors)));
    }

    private ProblemException limitReached() {
        return new ProblemException(Problem.of("beneficiary-limit", "Too many trusted payees", 422,
                "You can trust at most " + maxPerOwner + " payees; remove one first.").with(Map.of("limit", maxPerOwner)));
    }

    private static ProblemException alreadyTrusted() {
        return new ProblemException(Problem.of("beneficiary-exists", "Already trusted", 409, "This IBAN is already a trusted payee.")
                .with(Map.of("errors", List.of(error("iban", "is already a trusted payee")))));
    }

    private static ProblemException notFound() {
        return new ProblemException(Problem.of("not-found", "Not found", 404, "No such beneficiary."));
    }

    private static UUID parse(String id) {
        return PaymentRules.resourceId(id).orElse(null);
    }
}
