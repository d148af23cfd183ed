package com.bank.auth.payments.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.payments.model.BeneficiaryRequest;
import com.bank.auth.payments.model.BeneficiaryView;
import com.bank.auth.payments.service.BeneficiaryService;
import com.bank.auth.payments.service.BeneficiaryService.Added;

/** A customer's trusted beneficiaries (DESIGN 5a, 9): list, add with a bound step-up, remove. Someone else's is 404. */
@Path("/beneficiaries")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("USER")
public class BeneficiaryResource {

    private final BeneficiaryService beneficiaries;
    private final JsonWebToken token;

    BeneficiaryResource(BeneficiaryService beneficiaries, JsonWebToken token) {
        this.beneficiaries = beneficiaries;
        this.token = token;
    }

    @GET
    public List<BeneficiaryView> list() {
        return beneficiaries.list(token.getSubject());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@HeaderParam("Idempotency-Key") String idempotencyKey, @HeaderParam("Step-Up-Token") String stepUpToken,
            BeneficiaryRequest request) {
        IdempotencyKeys.require(idempotencyKey);
        Added added = beneficiaries.add(token.getSubject(), idempotencyKey, request, stepUpToken);
        return Response.status(added.replayed() ? 200 : 201).entity(added.beneficiary()).build();
    }

    @DELETE
    @Path("/{id}")
    public Response remove(@PathParam("id") String id) {
        beneficiaries.remove(token.getSubject(), id);
        return Response.noContent().build();
    }
}
