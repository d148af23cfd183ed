package com.bank.auth.bff.rest;

import java.util.HashMap;
import java.util.Map;
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

import com.bank.auth.bff.client.MfaServiceClient;
import com.bank.auth.bff.client.SessionServiceClient.CreatedSession;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.session.AccessTokens;
import com.bank.auth.bff.session.BffSessions;
import com.bank.auth.bff.session.CurrentSession;
import com.bank.auth.bff.session.StepUps;
import com.bank.auth.bff.web.BffCookies;
import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /bff/mfa/**}: factors of the signed-in user, and step-up challenges bound to the payment the session remembers. */
@Path("/bff/mfa")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MfaResource {

    private final MfaServiceClient mfa;
    private final CurrentSession current;
    private final StepUps stepUps;
    private final BffSessions sessions;
    private final AccessTokens tokens;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    MfaResource(@RestClient MfaServiceClient mfa, CurrentSession current, StepUps stepUps, BffSessions sessions, AccessTokens tokens,
            com.fasterxml.jackson.databind.ObjectMapper json) {
        this.mfa = mfa;
        this.current = current;
        this.stepUps = stepUps;
        this.sessions = sessions;
        this.tokens = tokens;
        this.json = json;
    }

    @GET
    @Path("/factors")
    public Response factors() {
        return passThrough(mfa.factors(current.require().sub()));
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
        Map<String, Object> body = new HashMap<>(Map.of("sub", session.sub(), "label", text(request, "label")));
        optionalText(request, "activationCode").ifPresent(code -> body.put("activationCode", code));
        return withFactorChangeAuthority(session, (token, userToken) -> mfa.enrolTotp(token, userToken, body));
    }

    @POST
    @Path("/factors/sms")
    public Response enrolSms(Map<String, Object> request) {
        SessionView session = current.require();
        Map<String, Object> body = new HashMap<>(Map.of("sub", session.sub(), "label", text(request, "label"),
                "phoneNumber", text(request, "phoneNumber")));
        optionalText(request, "activationCode").ifPresent(code -> body.put("activationCode", code));
        return withFactorChangeAuthority(session, (token, userToken) -> mfa.enrolSms(token, userToken, body));
    }

    @POST
    @Path("/factors/{id}/confirm")
    public Response confirm(@PathParam("id") String factorId, Map<String, Object> request) {
        SessionView session = current.require();
        return passThrough(mfa.confirm(id(factorId), Map.of("sub", session.sub(), "code", text(request, "code"))));
    }

    @DELETE
    @Path("/factors/{id}")
    public Response remove(@PathParam("id") String factorId) {
        SessionView session = current.require();
        String factor = id(factorId);
        return withFactorChangeAuthority(session, (token, userToken) -> mfa.remove(factor, session.sub(), token, userToken));
    }

    /** The user's security events (factor added, removed, locked; sessions ended), newest first. */
    @GET
    @Path("/security-events")
    public Response securityEvents() {
        return passThrough(mfa.securityEvents(current.require().sub()));
    }

    private Response withFactorChangeAuthority(SessionView session, BiFunction<String, String, Response> change) {
        String approval = stepUps.purposeToken(current.sessionId(), StepUpTokenVerifier.FACTOR_CHANGE).orElse(null);
        // The user's own access token: mfa-service takes the login time from its signed auth_time.
        String userToken = tokens.accessToken(current.sessionId(), session);
        Response answer = change.apply(approval, userToken);
        if (approval != null && answer.getStatus() / 100 == 2) {
            stepUps.forgetPurpose(current.sessionId(), StepUpTokenVerifier.FACTOR_CHANGE);
        }
        return passThrough(answer);
    }

    /**
     * A challenge for what this session needs approved. {@code purpose} {@code payment} (default) or
     * {@code beneficiary}: the request this session was refused under {@code idempotencyKey}, bound to what the session
     * remembers (the SPA cannot change it). {@code admin} or {@code factor-change}: approval for the next admin
     * operation or one factor change.
     */
    @POST
    @Path("/challenges")
    public Response challenge(Map<String, Object> request) {
        SessionView session = current.require();
        String purpose = request != null && request.get("purpose") != null ? String.valueOf(request.get("purpose")) : StepUpTokenVerifier.PAYMENT;
        Map<String, Object> challenge = new HashMap<>();
        challenge.put("sub", session.sub());
        StepUps.Link link;
        if (StepUps.REQUEST_PURPOSES.contains(purpose)) {
            String key = text(request, "idempotencyKey");
            if (!PaymentRules.isIdempotencyKey(key)) {
                throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400,
                        "'idempotencyKey' must be the Idempotency-Key of the request to approve."));
            }
            ObjectNode entry = stepUps.pendingRequest(current.sessionId(), purpose, key)
                    .orElseThrow(() -> new ProblemException(Problem.of("no-pending-payment", "Nothing to approve", 404,
                            "No " + purpose + " of this session waits for approval under that Idempotency-Key.")));
            challenge.put("binding", jsonToMap(entry.get("binding")));
            link = new StepUps.Link(StepUps.Target.of(purpose, key), entry);
        } else if (StepUps.SESSION_PURPOSES.contains(purpose)) {
            link = StepUps.Link.of(StepUps.Target.of(purpose, null));
        } else {
            throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400, "Unknown purpose."));
        }
        challenge.put("purpose", purpose);
        if (request != null && request.get("factorId") != null) {
            challenge.put("factorId", id(String.valueOf(request.get("factorId"))));
        }
        Response created = mfa.challenge(challenge);
        if (created.getStatus() == 201) {
            JsonNode body = created.readEntity(JsonNode.class);
            stepUps.linkChallenge(current.sessionId(), body.path("challengeId").asText(), link);
            return Response.status(201).entity(body).build();
        }
        return passThrough(created);
    }

    /** Verifies the code; on success the session keeps the step-up token and gets a new id (no fixation). */
    @POST
    @Path("/challenges/{id}/verify")
    public Response verify(@PathParam("id") String challengeId, Map<String, Object> request) {
        SessionView session = current.require();
        StepUps.Link link = stepUps.targetOfChallenge(current.sessionId(), id(challengeId))
                .orElseThrow(() -> new ProblemException(Problem.of("not-found", "Not found", 404, "No such challenge.")));
        Response verified = mfa.verify(challengeId, Map.of("sub", session.sub(), "code", text(request, "code")));
        if (verified.getStatus() != 200) {
            return passThrough(verified);
        }
        StepUps.Target target = link.target();
        String stepUpToken = StepUpTokenVerifier.LOGIN.equals(target.purpose()) ? null
                : verified.readEntity(JsonNode.class).path("stepUpToken").asText();
        verified.close();
        // The new id first: what the approval grants is kept only under it, so an approval whose rotation failed (a 503,
        // the code is spent and the user asks again) grants nothing, and nothing is granted to the id from before it.
        CreatedSession rotated = sessions.rotate(current.sessionId());
        try {
            if (stepUpToken == null) {
                // The sign-in SCA is what was asked for: the session serves account data from now on. The token serves nothing else.
                sessions.loginScaDone(rotated.sessionId());
            } else {
                stepUps.storeToken(rotated.sessionId(), link, stepUpToken);
            }
            stepUps.unlinkChallenge(rotated.sessionId(), challengeId);
        } catch (ProblemException e) {
            // The old id has ended: whatever failed, the browser gets the session's new id with the problem.
            return Response.fromResponse(e.toResponse()).cookie(BffCookies.session(rotated.sessionId())).build();
        }
        Audit.event(AuditEvent.STEP_UP_APPROVED, Outcome.SUCCESS, session.sub(), Map.of("session", session.handle(), "purpose", target.purpose()));
        return Response.ok(Map.of("status", "verified")).cookie(BffCookies.session(rotated.sessionId())).build();
    }

    @GET
    @Path("/sms-outbox")
    public Response outbox() {
        return passThrough(mfa.outbox(current.require().sub()));
    }

    /** Local demo only (mfa-service answers 404 elsewhere): the signed-in user's activation letters, newest first. */
    @GET
    @Path("/letter-outbox")
    public Response letterOutbox() {
        return passThrough(mfa.letterOutbox(current.require().sub()));
    }

    private static String text(Map<String, Object> request, String field) {
        Object value = request == null ? null : request.get(field);
        if (!(value instanceof String s) || s.isBlank() || s.length() > 256) {
            throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400, "'" + field + "' is required."));
        }
        return s;
    }

    /** An optional text field: absent or blank is empty; anything else must be a short string. */
    private static java.util.Optional<String> optionalText(Map<String, Object> request, String field) {
        Object value = request == null ? null : request.get(field);
        if (value == null || (value instanceof String s && s.isBlank())) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(text(request, field));
    }

    private static String id(String value) {
        if (com.bank.auth.common.payment.PaymentRules.resourceId(value).isEmpty()) {
            throw new ProblemException(Problem.of("not-found", "Not found", 404, "No such resource."));
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> jsonToMap(JsonNode node) {
        return json.convertValue(node, Map.class);
    }

    /**
     * mfa-service's answer as the SPA's: a 4xx on the user's input as it is (status, problem body, Retry-After on 429);
     * a 5xx becomes a 503 problem of our own, never mfa-service's body.
     */
    private static Response passThrough(Response upstream) {
        if (upstream.getStatus() >= 500) {
            upstream.close();
            return DownstreamProblems.unavailable("mfa-service answered " + upstream.getStatus());
        }
        Response.ResponseBuilder answer = Response.status(upstream.getStatus());
        if (upstream.hasEntity()) {
            answer.type(upstream.getMediaType()).entity(upstream.readEntity(String.class));
        }
        String retryAfter = upstream.getHeaderString("Retry-After");
        if (retryAfter != null) {
            answer.header("Retry-After", retryAfter);
        }
        return answer.build();
    }
}
