package com.bank.auth.mfa.rest;

import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.bank.auth.mfa.model.Factor;
import com.bank.auth.mfa.service.FactorService;

import io.quarkus.security.PermissionsAllowed;

/** Enrol, confirm and remove factors, always for the {@code sub} the BFF names. */
@Path("/factors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermissionsAllowed("mfa")
public class FactorResource {

    public record TotpRequest(String sub, String label, String accountName) {
    }

    public record SmsRequest(String sub, String label, String phoneNumber) {
    }

    public record ConfirmRequest(String sub, String code) {
    }

    private final FactorService factors;

    FactorResource(FactorService factors) {
        this.factors = factors;
    }

    @POST
    @Path("/totp")
    public Response enrolTotp(TotpRequest request) {
        return Response.status(201).entity(factors.enrolTotp(Subjects.required(request == null ? null : request.sub()),
                request.label(), request.accountName())).build();
    }

    @POST
    @Path("/sms")
    public Response enrolSms(SmsRequest request) {
        UUID id = factors.enrolSms(Subjects.required(request == null ? null : request.sub()), request.label(), request.phoneNumber());
        return Response.status(201).entity(Map.of("factorId", id)).build();
    }

    @POST
    @Path("/{factorId}/confirm")
    public Map<String, Object> confirm(@PathParam("factorId") String factorId, ConfirmRequest request) {
        Factor factor = factors.confirm(Subjects.required(request == null ? null : request.sub()), Subjects.id(factorId, "factor"),
                request.code());
        return Map.of("factorId", factor.id, "status", factor.status);
    }

    @DELETE
    @Path("/{factorId}")
    public Response remove(@PathParam("factorId") String factorId, @QueryParam("sub") String sub) {
        factors.remove(Subjects.required(sub), Subjects.id(factorId, "factor"));
        return Response.noContent().build();
    }

}
