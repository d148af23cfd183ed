package com.bank.auth.bff.client;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * mfa-service with bank-bff's client-credentials token (scope {@code mfa}). Answers come back as {@link Response}
 * (the default error mapper is off for this client) so its problems (400 with attemptsRemaining, 410, 423, 429)
 * reach the SPA as they are.
 */
@RegisterRestClient(configKey = "mfa-service")
@RegisterProvider(MfaServiceTokens.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface MfaServiceClient {

    @GET
    @Path("/users/{sub}/factors")
    Response factors(@PathParam("sub") String sub);

    /**
     * Adding and removing factors carry the user's authority (DESIGN 5): a {@code factor-change} step-up the session
     * holds, and the user's own access token (mfa-service reads the login time of a first factor from its signed
     * {@code auth_time}, never from us). A null header is not sent.
     */
    @POST
    @Path("/factors/totp")
    Response enrolTotp(@HeaderParam("Step-Up-Token") String stepUpToken, @HeaderParam("User-Token") String userToken,
            Map<String, Object> request);

    @POST
    @Path("/factors/sms")
    Response enrolSms(@HeaderParam("Step-Up-Token") String stepUpToken, @HeaderParam("User-Token") String userToken,
            Map<String, Object> request);

    @POST
    @Path("/factors/passkey")
    Response enrolPasskey(@HeaderParam("Step-Up-Token") String stepUpToken, @HeaderParam("User-Token") String userToken,
            Map<String, Object> request);

    @POST
    @Path("/factors/{id}/confirm")
    Response confirm(@PathParam("id") String factorId, Map<String, Object> request);

    @DELETE
    @Path("/factors/{id}")
    Response remove(@PathParam("id") String factorId, @QueryParam("sub") String sub,
            @HeaderParam("Step-Up-Token") String stepUpToken, @HeaderParam("User-Token") String userToken);

    @GET
    @Path("/users/{sub}/security-events")
    Response securityEvents(@PathParam("sub") String sub);

    @POST
    @Path("/users/{sub}/security-events")
    Response recordSecurityEvent(@PathParam("sub") String sub, Map<String, Object> event);

    @POST
    @Path("/challenges")
    Response challenge(Map<String, Object> request);

    @POST
    @Path("/challenges/{id}/verify")
    Response verify(@PathParam("id") String challengeId, Map<String, Object> request);

    @GET
    @Path("/sms-outbox/{sub}")
    Response outbox(@PathParam("sub") String sub);

    /** {@code {lastScaAt?, activeFactor}}: what sign-in SCA needs to know (DESIGN 5a). */
    @GET
    @Path("/users/{sub}/sca-status")
    Response scaStatus(@PathParam("sub") String sub);

    @GET
    @Path("/users/{sub}/letter-outbox")
    Response letterOutbox(@PathParam("sub") String sub);
}
