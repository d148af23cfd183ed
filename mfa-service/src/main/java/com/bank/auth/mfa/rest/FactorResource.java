package com.bank.auth.mfa.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.bank.auth.mfa.model.Factor;
import com.bank.auth.mfa.service.FactorService;
import com.bank.auth.mfa.service.MfaProblems;
import com.bank.auth.mfa.service.SmsGateway;

import io.quarkus.security.PermissionsAllowed;

/**
 * Enrol, confirm and remove factors, always for the {@code sub} the BFF names. Adding or removing a factor carries the
 * user's authority (DESIGN 5): header {@code Step-Up-Token} (a {@code factor-change} step-up) and header
 * {@code Auth-Time} (ISO-8601 instant of the user's login, for a first factor).
 */
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

    static final String STEP_UP_TOKEN = "Step-Up-Token";
    static final String AUTH_TIME = "Auth-Time";

    private final FactorService factors;
    private final SmsGateway sms;

    FactorResource(FactorService factors, SmsGateway sms) {
        this.factors = factors;
        this.sms = sms;
    }

    @POST
    @Path("/totp")
    public Response enrolTotp(@HeaderParam(STEP_UP_TOKEN) String stepUpToken, @HeaderParam(AUTH_TIME) String authTime,
            TotpRequest request) {
        return Response.status(201).entity(factors.enrolTotp(Subjects.required(request == null ? null : request.sub()),
                request.label(), request.accountName(), authority(stepUpToken, authTime))).build();
    }

    @POST
    @Path("/sms")
    public Response enrolSms(@HeaderParam(STEP_UP_TOKEN) String stepUpToken, @HeaderParam(AUTH_TIME) String authTime,
            SmsRequest request) {
        FactorService.SmsEnrolment enrolment = factors.enrolSms(Subjects.required(request == null ? null : request.sub()),
                request.label(), request.phoneNumber(), authority(stepUpToken, authTime));
        sms.deliver(enrolment.sms(), () -> factors.abandonPending(enrolment.factorId()));
        return Response.status(201).entity(Map.of("factorId", enrolment.factorId())).build();
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
    public Response remove(@PathParam("factorId") String factorId, @QueryParam("sub") String sub,
            @HeaderParam(STEP_UP_TOKEN) String stepUpToken, @HeaderParam(AUTH_TIME) String authTime) {
        factors.remove(Subjects.required(sub), Subjects.id(factorId, "factor"), authority(stepUpToken, authTime));
        return Response.noContent().build();
    }

    private static FactorService.ChangeAuthority authority(String stepUpToken, String authTime) {
        Instant loginTime = null;
        if (authTime != null) {
            try {
                loginTime = Instant.parse(authTime);
            } catch (DateTimeParseException e) {
                throw MfaProblems.invalid("Auth-Time", "must be an ISO-8601 instant");
            }
        }
        return new FactorService.ChangeAuthority(stepUpToken, loginTime);
    }

}
