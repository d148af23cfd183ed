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

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.payments.config.PaymentsConfig;
import com.bank.auth.payments.model.Payment;
import com.bank.auth.payments.model.PaymentView;
import com.bank.auth.payments.service.StepUpRequiredException;
import com.bank.auth.payments.service.StepUpVerifier;

/** Bank staff: every payment. Role ADMIN and a fresh admin step-up (seed 001: every admin operation). */
@Path("/admin/payments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ADMIN")
public class AdminResource {

    private final StepUpVerifier stepUps;
    private final Paging paging;
    private final PaymentsConfig config;
    private final JsonWebToken token;

    AdminResource(StepUpVerifier stepUps, Paging paging, PaymentsConfig config, JsonWebToken token) {
        this.stepUps = stepUps;
        this.paging = paging;
        this.config = config;
        this.token = token;
    }

    @GET
    public List<PaymentView> all(@HeaderParam("Step-Up-Token") String stepUpToken, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        boolean fresh = stepUps.verify(stepUpToken, token.getSubject(), "admin")
                .filter(jwt -> StepUpVerifier.issuedWithin(jwt, config.stepUp().adminMaxAge()))
                .isPresent();
        if (!fresh) {
            throw new StepUpRequiredException("Admin operations need a second factor from the last "
                    + config.stepUp().adminMaxAge().toMinutes() + " minutes.", Map.of("purpose", "admin"));
        }
        Audit.event(AuditEvent.ADMIN_ACCESS, Outcome.SUCCESS, token.getSubject(), Map.of("action", "list-payments"));
        return paging.page(Payment.findAll(io.quarkus.panache.common.Sort.descending("createdAt").and("id")), page, size)
                .<Payment>list().stream().map(PaymentView::of).toList();
    }
}
