package com.bank.auth.payments.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.payments.config.PaymentsConfig;
import com.bank.auth.payments.model.Payment;
import com.bank.auth.payments.model.PaymentView;
import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.bank.auth.payments.service.SpentStepUps;
import com.bank.auth.payments.service.StepUpRequiredException;
import com.bank.auth.payments.service.StepUpVerifier;

/** Bank staff: every payment. Role ADMIN and a fresh, unspent admin step-up (seed 001: every admin operation). */
@Path("/admin/payments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class AdminResource {

    private final StepUpVerifier stepUps;
    private final SpentStepUps spent;
    private final Paging paging;
    private final PaymentsConfig config;
    private final JsonWebToken token;

    AdminResource(StepUpVerifier stepUps, SpentStepUps spent, Paging paging, PaymentsConfig config, JsonWebToken token) {
        this.stepUps = stepUps;
        this.spent = spent;
        this.paging = paging;
        this.config = config;
        this.token = token;
    }

    /**
     * One admin step-up serves one admin operation and is then spent: a pass for 5 minutes would be a hole that every
     * admin route added later inherits. The read and the spend are one transaction.
     */
    @GET
    public List<PaymentView> all(@HeaderParam("Step-Up-Token") String stepUpToken, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        String jti = stepUps.verify(stepUpToken, token.getSubject(), StepUpTokenVerifier.ADMIN)
                .filter(jwt -> StepUpVerifier.issuedWithin(jwt, config.stepUp().adminMaxAge()))
                .map(JsonWebToken::getTokenID)
                .orElseThrow(() -> adminStepUpRequired("Admin operations need a second factor from the last "
                        + config.stepUp().adminMaxAge().toMinutes() + " minutes."));
        List<PaymentView> payments = QuarkusTransaction.requiringNew().call(() -> {
            if (!spent.spend(jti, StepUpTokenVerifier.ADMIN)) {
                throw adminStepUpRequired("This admin approval was already used; each serves one admin operation.");
            }
            return paging.page(Payment.findAll(Sort.descending("createdAt").and("id")), page, size)
                    .<Payment>list().stream().map(PaymentView::of).toList();
        });
        Audit.event(AuditEvent.ADMIN_ACCESS, Outcome.SUCCESS, token.getSubject(), Map.of("action", "list-payments", "stepUp", jti));
        return payments;
    }

    private static StepUpRequiredException adminStepUpRequired(String why) {
        return new StepUpRequiredException(why, Map.of("purpose", StepUpTokenVerifier.ADMIN));
    }
}
