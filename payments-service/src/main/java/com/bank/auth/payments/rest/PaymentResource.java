package com.bank.auth.payments.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.payments.model.Payment;
import com.bank.auth.payments.model.PaymentRequest;
import com.bank.auth.payments.model.PaymentView;
import com.bank.auth.payments.service.PaymentService;
import com.bank.auth.payments.service.PaymentService.Booking;

/** A customer's payments: list, read, book. Someone else's payment is 404, never 403. */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("USER")
public class PaymentResource {

    private final PaymentService payments;
    private final Paging paging;
    private final JsonWebToken token;

    PaymentResource(PaymentService payments, Paging paging, JsonWebToken token) {
        this.payments = payments;
        this.paging = paging;
        this.token = token;
    }

    @GET
    public List<PaymentView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return paging.page(Payment.find("ownerSub = ?1 order by createdAt desc, id", token.getSubject()), page, size)
                .<Payment>list().stream().map(PaymentView::of).toList();
    }

    @GET
    @Path("/{id}")
    public PaymentView get(@PathParam("id") String id) {
        UUID paymentId = parse(id);
        Payment payment = paymentId == null ? null
                : Payment.<Payment>find("id = ?1 and ownerSub = ?2", paymentId, token.getSubject()).firstResult();
        if (payment == null) {
            throw new ProblemException(Problem.of("not-found", "Not found", 404, "No such payment."));
        }
        return PaymentView.of(payment);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response book(@HeaderParam("Idempotency-Key") String idempotencyKey, @HeaderParam("Step-Up-Token") String stepUpToken,
            PaymentRequest request) {
        IdempotencyKeys.require(idempotencyKey);
        Booking booking = payments.book(token.getSubject(), idempotencyKey, request, stepUpToken);
        return Response.status(booking.replayed() ? 200 : 201).entity(booking.payment()).build();
    }

    private static UUID parse(String id) {
        return PaymentRules.resourceId(id).orElse(null);
    }
}
