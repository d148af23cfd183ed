package com.bank.auth.mfa.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.bank.auth.mfa.model.ChallengeRequest;
import com.bank.auth.mfa.service.ChallengeService;
import com.bank.auth.mfa.service.MfaProblems;
import com.bank.auth.mfa.service.SmsGateway;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.PermissionsAllowed;

/** Step-up challenges and their verification (200 with a step-up token; 400, 410 or 423 otherwise). */
@Path("/challenges")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermissionsAllowed("mfa")
public class ChallengeResource {

    /** {@code code} for TOTP and SMS; {@code assertion}, the browser's {@code AuthenticationResponseJSON}, for a passkey. */
    public record VerifyRequest(String sub, String code, JsonNode assertion) {
    }

    private final ChallengeService challenges;
    private final SmsGateway sms;

    ChallengeResource(ChallengeService challenges, SmsGateway sms) {
        this.challenges = challenges;
        this.sms = sms;
    }

    @POST
    public Response create(ChallengeRequest request) {
        if (request == null) {
            throw MfaProblems.invalid("body", "is required");
        }
        Subjects.required(request.sub());
        ChallengeService.Opened opened = challenges.create(request);
        if (opened.sms() != null) {
            sms.deliver(opened.sms(), () -> challenges.abandon(opened.challenge().challengeId()));
        }
        return Response.status(201).entity(opened.challenge()).build();
    }

    @POST
    @Path("/{challengeId}/verify")
    public ChallengeService.Verified verify(@PathParam("challengeId") String challengeId, VerifyRequest request) {
        return challenges.verify(Subjects.required(request == null ? null : request.sub()), Subjects.id(challengeId, "challenge"),
                request.code(), WebAuthnJson.text(request.assertion(), "assertion"));
    }
}
