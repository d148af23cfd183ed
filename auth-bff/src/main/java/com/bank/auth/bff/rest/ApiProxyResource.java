package com.bank.auth.bff.rest;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.bank.auth.bff.client.PaymentsClient;
import com.bank.auth.bff.client.PaymentsReads;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.session.CurrentSession;
import com.bank.auth.bff.session.SessionBearer;
import com.bank.auth.bff.session.StepUps;
import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.stepup.StepUpTokenVerifier;

/**
 * {@code /api/**}: only the routes and methods of DESIGN 9, each mapped to one fixed upstream path (no path is ever
 * copied through, so no traversal can reach another one). The browser's cookies stay here; the user's access token
 * goes upstream as a Bearer token. A payment refused for step-up is remembered in the session under its
 * Idempotency-Key, and its retry carries the step-up token the session holds for it. One session lookup per request
 * ({@link CurrentSession}); payments-service through keep-alive pools. The reads run on the event loop and go through
 * {@link PaymentsReads}; the writes and the admin read (which call session-service for CSRF and step-up state) run on a
 * worker and go through the REST client {@link PaymentsClient}.
 */
@Path("/api")
public class ApiProxyResource {

    private static final Pattern PAGING = Pattern.compile("[0-9]{1,7}");
    /**
     * A write that may need a step-up is kept in the session with its approval (session-service holds at most 32 KiB
     * per entry): bigger bodies are refused here, as a 413, before anything is sent or remembered.
     */
    private static final int MAX_BOUND_REQUEST_CHARS = 16 * 1024;

    private final PaymentsClient payments;
    private final PaymentsReads reads;
    private final CurrentSession current;
    private final SessionBearer bearer;
    private final StepUps stepUps;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    ApiProxyResource(PaymentsClient payments, PaymentsReads reads, CurrentSession current, SessionBearer bearer, StepUps stepUps,
            com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
        this.payments = payments;
        this.reads = reads;
        this.current = current;
        this.bearer = bearer;
        this.stepUps = stepUps;
    }

    @GET
    @Path("/accounts")
    public CompletionStage<Response> accounts() {
        return read("/accounts");
    }

    @GET
    @Path("/payments")
    public CompletionStage<Response> payments(@QueryParam("page") String page, @QueryParam("size") String size) {
        String checkedPage = paging("page", page), checkedSize = paging("size", size);
        String query = checkedPage == null ? "" : "page=" + checkedPage;
        if (checkedSize != null) {
            query += (query.isEmpty() ? "" : "&") + "size=" + checkedSize;
        }
        return read(query.isEmpty() ? "/payments" : "/payments?" + query);
    }

    @GET
    @Path("/payments/{id}")
    public CompletionStage<Response> payment(@PathParam("id") String id) {
        if (PaymentRules.resourceId(id).isEmpty()) {
            throw new ProblemException(Problem.of("not-found", "Not found", 404, "No such payment."));
        }
        return read("/payments/" + id);
    }

    @POST
    @Path("/payments")
    public Response book(@HeaderParam("Idempotency-Key") String idempotencyKey, String body) {
        return withBoundStepUp(StepUpTokenVerifier.PAYMENT, idempotencyKey, body,
                (bearer, stepUpToken) -> payments.book(bearer, idempotencyKey, stepUpToken, body == null ? "" : body));
    }

    @GET
    @Path("/beneficiaries")
    public CompletionStage<Response> beneficiaries() {
        return read("/beneficiaries");
    }

    @POST
    @Path("/beneficiaries")
    public Response addBeneficiary(@HeaderParam("Idempotency-Key") String idempotencyKey, String body) {
        return withBoundStepUp(StepUpTokenVerifier.BENEFICIARY, idempotencyKey, body,
                (bearer, stepUpToken) -> payments.addBeneficiary(bearer, idempotencyKey, stepUpToken, body == null ? "" : body));
    }

    @DELETE
    @Path("/beneficiaries/{id}")
    public Response removeBeneficiary(@PathParam("id") String id) {
        if (PaymentRules.resourceId(id).isEmpty()) {
            throw new ProblemException(Problem.of("not-found", "Not found", 404, "No such beneficiary."));
        }
        return forward(current.require(), bearer -> payments.removeBeneficiary(bearer, id));
    }

    @GET
    @Path("/admin/payments")
    public Response admin(@QueryParam("page") String page, @QueryParam("size") String size) {
        String checkedPage = paging("page", page), checkedSize = paging("size", size);
        SessionView session = current.require();
        // An admin step-up (POST /bff/mfa/challenges {purpose:"admin"}) approves one admin operation: payments-service
        // spends it, so the session forgets it once it was used (or refused as used).
        String stepUpToken = stepUps.purposeToken(current.sessionId(), StepUpTokenVerifier.ADMIN).orElse(null);
        Response response = forward(session, bearer -> payments.adminPayments(bearer, stepUpToken, checkedPage, checkedSize));
        if (stepUpToken != null && response.getStatus() < 500) {
            stepUps.forgetPurpose(current.sessionId(), StepUpTokenVerifier.ADMIN);
        }
        return response;
    }

    /**
     * A write that needs a step-up bound to it ({@code payment}, {@code beneficiary}): it carries the approval the
     * session holds for its Idempotency-Key, and a refusal for step-up is remembered under that key with the binding
     * payments-service named, so that {@code POST /bff/mfa/challenges} can ask for exactly that approval.
     */
    private Response withBoundStepUp(String purpose, String idempotencyKey, String body, BiFunction<String, String, Response> call) {
        if (!PaymentRules.isIdempotencyKey(idempotencyKey)) {
            throw new ProblemException(Problem.of("idempotency-key-required", "Idempotency-Key required", 400,
                    "Send an Idempotency-Key header, the same on every retry of this request."));
        }
        if (body != null && body.length() > MAX_BOUND_REQUEST_CHARS) {
            throw new ProblemException(Problem.of("request-too-large", "Request too large", 413,
                    "A payment or payee request is a small JSON document of at most 16 KiB."));
        }
        SessionView session = current.require();
        Optional<StepUps.Approved> approved = stepUps.approvedRequest(current.sessionId(), purpose, idempotencyKey);
        if (approved.isPresent() && !sameRequest(approved.get().request(), body)) {
            // What was approved is what is sent: the debtor account, the payee's name (shown in the text message) and the
            // reference are not in the txn binding, so the retry must be the request the user saw when approving.
            throw new ProblemException(Problem.of("step-up-request-changed", "Not what was approved", 409,
                    "This request differs from the one you approved. Send it as approved, or start again with a new one."));
        }
        String stepUpToken = approved.map(StepUps.Approved::stepUpToken).orElse(null);
        Response response = forward(session, bearer -> call.apply(bearer, stepUpToken));
        if (response.getStatus() == 401 && String.valueOf(response.getEntity()).contains("/step-up-required")) {
            stepUps.remember(current.sessionId(), purpose, idempotencyKey, body, String.valueOf(response.getEntity()));
        } else if (stepUpToken != null && response.getStatus() / 100 == 2) {
            // Booked with its approval: the entry has served (a replay of the key is answered by payments-service).
            stepUps.forgetRequest(current.sessionId(), purpose, idempotencyKey);
        }
        return response;
    }

    /**
     * A read of {@code upstreamPath} (built from checked parts only), on the event loop (a method answering a
     * {@link CompletionStage} is not dispatched to a worker): the session's bearer ({@link SessionBearer}: from memory at
     * once, or from a worker when it needs a call; its problems, such as a 401, are the answer), then payments' answer.
     */
    private CompletionStage<Response> read(String upstreamPath) {
        return bearer.requireNonBlocking().thenCompose(authorization -> reads.get(upstreamPath, authorization)
                // No answer in time, a refused or dropped connection: 503. payments' own statuses are answers, not failures.
                .handle((answer, failure) -> failure == null ? passedOn(answer) : unavailable()));
    }

    /**
     * A write or an admin read, on a worker: calls payments-service with the session's access token. Account data only
     * once a sign-in SCA the session waits for is done (DESIGN 5a).
     */
    private Response forward(SessionView session, Function<String, Response> call) {
        String authorization = bearer.require(session);
        try {
            return passedOn(call.apply(authorization));
        } catch (ProcessingException e) {
            return unavailable();
        }
    }

    /** payments' answer to a read (Vert.x's client), passed on. */
    private static Response passedOn(PaymentsReads.Answer upstream) {
        return passedOn(upstream.status(), upstream.contentType(), upstream.body());
    }

    /** payments' answer to a write (the REST client), passed on. */
    private static Response passedOn(Response upstream) {
        try (upstream) {
            if (upstream.getStatus() >= 500) {
                return unavailable();   // its body is not read
            }
            return passedOn(upstream.getStatus(), upstream.getHeaderString(HttpHeaders.CONTENT_TYPE),
                    upstream.hasEntity() ? upstream.readEntity(String.class) : "");
        }
    }

    /** payments' answer as it came (status, type, body); a 5xx is a 503 of ours, never its body. */
    private static Response passedOn(int status, String type, Object body) {
        if (status >= 500) {
            return unavailable();
        }
        return Response.status(status).type(type == null ? "application/json" : type).entity(body).build();
    }

    /** The same JSON document (whatever the spacing or key order): a request is compared with what was approved. */
    private boolean sameRequest(String approved, String sent) {
        if (approved == null) {
            return true;   // remembered before requests were kept with their approval
        }
        try {
            return json.readTree(approved).equals(json.readTree(sent == null ? "" : sent));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A checked paging value, or null (not sent). */
    private static String paging(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!PAGING.matcher(value).matches()) {
            throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400, "'" + name + "' must be a whole number."));
        }
        return value;
    }

    /** payments-service unreachable, too slow or failing: 503 with Retry-After, never its body or a hang. */
    private static Response unavailable() {
        return Problem.of("upstream-unavailable", "Service unavailable", 503, "The banking service did not answer; please try again.")
                .toResponseBuilder().header("Retry-After", "2").build();
    }
}
