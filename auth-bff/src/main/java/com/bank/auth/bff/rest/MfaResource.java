package com.bank.auth.bff.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.bank.auth.bff.client.MfaAnswers;
import com.bank.auth.bff.client.MfaServiceClient;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.session.AccessTokens;
import com.bank.auth.bff.session.CurrentSession;
import com.bank.auth.bff.session.StepUpChallenges;
import com.bank.auth.bff.session.StepUps;
import com.bank.auth.bff.web.BffCookies;
import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.stepup.StepUpTokenVerifier;

/** {@code /bff/mfa/**}: factors of the signed-in user, and step-up challenges bound to the payment the session remembers. */
@Path("/bff/mfa")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MfaResource {

    private final MfaServiceClient mfa;
    private final CurrentSession current;
    private final StepUps stepUps;
    private final StepUpChallenges challenges;
    private final AccessTokens tokens;

    MfaResource(@RestClient MfaServiceClient mfa, CurrentSession current, StepUps stepUps, StepUpChallenges challenges, AccessTokens tokens) {
        this.mfa = mfa;
        this.current = current;
        this.stepUps = stepUps;
        this.challenges = challenges;
        this.tokens = tokens;
    }

    @GET
    @Path("/factors")
    public Response factors() {
        return MfaAnswers.forTheSpa(mfa.factors(current.require().sub()));
    }

    /**
     * Adding and removing factors (DESIGN 5): mfa-service decides, with the session's {@code factor-change} approval
     * (if any) and the login time. Without them it answers 401 {@code step-up-required} {@code purpose: factor-change},
     * which reaches the SPA as it is. An approval that was sent is forgotten: it works once.
     */
    @POST
    @Path("/factors/totp")
    public Response enrolTotp(Map<String, Object> request) {
        SessionView session = current.require();
        Map<String, Object> body = enrolment(session, request);
        return withFactorChangeAuthority(session, (token, userToken) -> mfa.enrolTotp(token, userToken, body));
    }

    @POST
    @Path("/factors/sms")
    public Response enrolSms(Map<String, Object> request) {
        SessionView session = current.require();
        Map<String, Object> body = enrolment(session, request);
        body.put("phoneNumber", text(request, "phoneNumber"));
        return withFactorChangeAuthority(session, (token, userToken) -> mfa.enrolSms(token, userToken, body));
    }

    /**
     * A passkey (issue 27): 201 {@code {factorId, creationOptions}}, the options for the browser's
     * {@code navigator.credentials.create}, whose answer then confirms it. The passkey is bound to this BFF's origin.
     */
    @POST
    @Path("/factors/passkey")
    public Response enrolPasskey(Map<String, Object> request) {
        SessionView session = current.require();
        Map<String, Object> body = enrolment(session, request);
        return withFactorChangeAuthority(session, (token, userToken) -> mfa.enrolPasskey(token, userToken, body));
    }

    /** {@code {code}} for an app or a phone; {@code {credential}}, the browser's WebAuthn answer, for a passkey. */
    @POST
    @Path("/factors/{id}/confirm")
    public Response confirm(@PathParam("id") String factorId, Map<String, Object> request) {
        SessionView session = current.require();
        Map<String, Object> body = new HashMap<>(answer(request, "credential"));
        body.put("sub", session.sub());
        return MfaAnswers.forTheSpa(mfa.confirm(id(factorId), body));
    }

    @DELETE
    @Path("/factors/{id}")
    public Response remove(@PathParam("id") String factorId) {
        SessionView session = current.require();
        String factor = id(factorId);
        return withFactorChangeAuthority(session, (token, userToken) -> mfa.remove(factor, session.sub(), token, userToken));
    }

    /** What every enrolment names: the session's user, the label and, for a first factor, the letter's activation code. */
    private static Map<String, Object> enrolment(SessionView session, Map<String, Object> request) {
        Map<String, Object> body = new HashMap<>(Map.of("sub", session.sub(), "label", text(request, "label")));
        optionalText(request, "activationCode").ifPresent(code -> body.put("activationCode", code));
        return body;
    }

    /** The user's security events (factor added, removed, locked; sessions ended), newest first. */
    @GET
    @Path("/security-events")
    public Response securityEvents() {
        return MfaAnswers.forTheSpa(mfa.securityEvents(current.require().sub()));
    }

    private Response withFactorChangeAuthority(SessionView session, BiFunction<String, String, Response> change) {
        String approval = stepUps.purposeToken(current.sessionId(), StepUpTokenVerifier.FACTOR_CHANGE).orElse(null);
        // The user's own access token: mfa-service takes the login time from its signed auth_time.
        String userToken = tokens.accessToken(current.sessionId(), session);
        Response answer = change.apply(approval, userToken);
        if (approval != null && answer.getStatus() / 100 == 2) {
            stepUps.forgetPurpose(current.sessionId(), StepUpTokenVerifier.FACTOR_CHANGE);
        }
        return MfaAnswers.forTheSpa(answer);
    }

    /**
     * A challenge for what this session needs approved. {@code purpose} {@code payment} (default) or
     * {@code beneficiary}: the request this session was refused under {@code idempotencyKey}, bound to what the session
     * remembers (the SPA cannot change it). {@code admin}, {@code factor-change} or {@code login}: approval for the next
     * admin operation, one factor change, or the sign-in SCA.
     */
    @POST
    @Path("/challenges")
    public Response challenge(Map<String, Object> request) {
        SessionView session = current.require();
        String purpose = request != null && request.get("purpose") != null ? String.valueOf(request.get("purpose")) : StepUpTokenVerifier.PAYMENT;
        String key = StepUps.REQUEST_PURPOSES.contains(purpose) ? text(request, "idempotencyKey") : null;
        String factorId = request != null && request.get("factorId") != null ? id(String.valueOf(request.get("factorId"))) : null;
        return challenges.open(current.sessionId(), session, new StepUpChallenges.Ask(purpose, key, factorId));
    }

    /**
     * Verifies the code ({@code {code}}) or the passkey's answer ({@code {assertion}}, the browser's WebAuthn
     * {@code AuthenticationResponseJSON}); on success the session keeps the step-up token and gets a new id (no fixation).
     */
    @POST
    @Path("/challenges/{id}/verify")
    public Response verify(@PathParam("id") String challengeId, Map<String, Object> request) {
        SessionView session = current.require();
        StepUpChallenges.Approval approval = challenges.verify(current.sessionId(), session, id(challengeId), answer(request, "assertion"));
        if (approval.sessionId().equals(current.sessionId())) {
            return approval.answer();
        }
        return Response.fromResponse(approval.answer()).cookie(BffCookies.session(approval.sessionId())).build();
    }

    @GET
    @Path("/sms-outbox")
    public Response outbox() {
        return MfaAnswers.forTheSpa(mfa.outbox(current.require().sub()));
    }

    /** Local demo only (mfa-service answers 404 elsewhere): the signed-in user's activation letters, newest first. */
    @GET
    @Path("/letter-outbox")
    public Response letterOutbox() {
        return MfaAnswers.forTheSpa(mfa.letterOutbox(current.require().sub()));
    }

    /**
     * What proves a factor: {@code {code}}, or the browser's WebAuthn answer under {@code webAuthnField} (an object,
     * passed on as it is: mfa-service checks it, and bounds its size).
     */
    private static Map<String, Object> answer(Map<String, Object> request, String webAuthnField) {
        Object webAuthn = request == null ? null : request.get(webAuthnField);
        if (webAuthn == null) {
            return Map.of("code", text(request, "code"));
        }
        if (!(webAuthn instanceof Map<?, ?>)) {
            throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400,
                    "'" + webAuthnField + "' must be the browser's WebAuthn answer."));
        }
        return Map.of(webAuthnField, webAuthn);
    }

    private static String text(Map<String, Object> request, String field) {
        Object value = request == null ? null : request.get(field);
        if (!(value instanceof String s) || s.isBlank() || s.length() > 256) {
            throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400, "'" + field + "' is required."));
        }
        return s;
    }

    /** An optional text field: absent or blank is empty; anything else must be a short string. */
    private static Optional<String> optionalText(Map<String, Object> request, String field) {
        Object value = request == null ? null : request.get(field);
        if (value == null || (value instanceof String s && s.isBlank())) {
            return Optional.empty();
        }
        return Optional.of(text(request, field));
    }

    private static String id(String value) {
        if (PaymentRules.resourceId(value).isEmpty()) {
            throw new ProblemException(Problem.of("not-found", "Not found", 404, "No such resource."));
        }
        return value;
    }
}
