package com.bank.auth.mfa.rest;

import java.time.Instant;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.bank.auth.mfa.service.FactorService;
import com.bank.auth.mfa.service.SmsGateway;
import com.bank.auth.mfa.service.UserTokens;

import io.quarkus.security.PermissionsAllowed;

/**
 * Enrol, confirm and remove factors, always for the {@code sub} the BFF names. Adding or removing a factor carries the
 * user's authority (DESIGN 5): header {@code Step-Up-Token} (a {@code factor-change} step-up), header
 * {@code User-Token} (the user's own access token, whose signed {@code auth_time} is the login a first factor needs)
 * and, for a first factor, {@code activationCode} from the user's activation letter. A passkey is confirmed with the
 * browser's WebAuthn answer instead of a code.
 */
@Path("/factors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermissionsAllowed("mfa")
public class FactorResource {

    public record TotpRequest(String sub, String label, String accountName, String activationCode) {
    }

    public record SmsRequest(String sub, String label, String phoneNumber, String activationCode) {
    }

    public record PasskeyRequest(String sub, String label, String activationCode) {
    }

    /** {@code code} for TOTP and SMS; {@code credential}, the browser's {@code RegistrationResponseJSON}, for a passkey. */
    public record ConfirmRequest(String sub, String code, JsonNode credential) {
    }

    static final String STEP_UP_TOKEN = "Step-Up-Token";
    static final String USER_TOKEN = "User-Token";

    private final FactorService factors;
    private final SmsGateway sms;
    private final UserTokens userTokens;

    FactorResource(FactorService factors, SmsGateway sms, UserTokens userTokens) {
        this.factors = factors;
        this.sms = sms;
        this.userTokens = userTokens;
    }

    @POST
    @Path("/totp")
    public Response enrolTotp(@HeaderParam(STEP_UP_TOKEN) String stepUpToken, @HeaderParam(USER_TOKEN) String userToken,
            TotpRequest request) {
        String sub = Subjects.required(request == null ? null : request.sub());
        return Response.status(201).entity(factors.enrolTotp(sub, request.label(), request.accountName(),
                authority(sub, stepUpToken, userToken, request.activationCode()))).build();
    }

    @POST
    @Path("/sms")
    public Response enrolSms(@HeaderParam(STEP_UP_TOKEN) String stepUpToken, @HeaderParam(USER_TOKEN) String userToken,
            SmsRequest request) {
        String sub = Subjects.required(request == null ? null : request.sub());
        FactorService.SmsEnrolment enrolment = factors.enrolSms(sub, request.label(), request.phoneNumber(),
                authority(sub, stepUpToken, userToken, request.activationCode()));
        sms.deliver(enrolment.sms(), () -> factors.abandonPending(enrolment.factorId()));
        return Response.status(201).entity(Map.of("factorId", enrolment.factorId())).build();
    }

    /**
     * A passkey: 201 {@code {factorId, creationOptions}}, the options for the browser's
     * {@code navigator.credentials.create}; then {@code POST /factors/{id}/confirm} with the browser's answer.
     */
    @POST
    @Path("/passkey")
    public Response enrolPasskey(@HeaderParam(STEP_UP_TOKEN) String stepUpToken, @HeaderParam(USER_TOKEN) String userToken,
            PasskeyRequest request) {
        String sub = Subjects.required(request == null ? null : request.sub());
        String userName = userTokens.userName(userToken, sub).orElse(null);
        return Response.status(201).entity(factors.enrolPasskey(sub, request.label(), userName,
                authority(sub, stepUpToken, userToken, request.activationCode()))).build();
    }

    @POST
    @Path("/{factorId}/confirm")
    public Map<String, Object> confirm(@PathParam("factorId") String factorId, ConfirmRequest request) {
        Factor factor = factors.confirm(Subjects.required(request == null ? null : request.sub()), Subjects.id(factorId, "factor"),
                request.code(), WebAuthnJson.text(request.credential(), "credential"));
        return Map.of("factorId", factor.id, "status", factor.status);
    }

    @DELETE
    @Path("/{factorId}")
    public Response remove(@PathParam("factorId") String factorId, @QueryParam("sub") String sub,
            @HeaderParam(STEP_UP_TOKEN) String stepUpToken, @HeaderParam(USER_TOKEN) String userToken) {
        String user = Subjects.required(sub);
        factors.remove(user, Subjects.id(factorId, "factor"), authority(user, stepUpToken, userToken, null));
        return Response.noContent().build();
    }

    private FactorService.ChangeAuthority authority(String sub, String stepUpToken, String userToken, String activationCode) {
        Instant loginTime = userTokens.authTime(userToken, sub).orElse(null);
        return new FactorService.ChangeAuthority(stepUpToken, loginTime, activationCode);
    }
}
