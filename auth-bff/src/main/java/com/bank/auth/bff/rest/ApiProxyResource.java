package com.bank.auth.bff.rest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.config.BffConfig;
import com.bank.auth.bff.session.AccessTokens;
import com.bank.auth.bff.session.CurrentSession;
import com.bank.auth.bff.session.StepUps;
import com.bank.auth.common.payment.PaymentRules;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.common.problem.ProblemException;
import com.bank.auth.common.telemetry.OutboundCalls;

/**
 * {@code /api/**}: only the routes and methods of DESIGN 9, each mapped to one fixed upstream path (no path is ever
 * copied through, so no traversal can reach another one). The browser's cookies stay here; the user's access token
 * goes upstream as a Bearer token. A payment refused for step-up is remembered in the session under its
 * Idempotency-Key, and its retry carries the step-up token the session holds for it.
 */
@Path("/api")
public class ApiProxyResource {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PAGING = Pattern.compile("[0-9]{1,7}");

    private final HttpClient http;
    private final CurrentSession current;
    private final AccessTokens tokens;
    private final StepUps stepUps;
    private final BffConfig config;

    private final OutboundCalls outbound;

    ApiProxyResource(CurrentSession current, AccessTokens tokens, StepUps stepUps, BffConfig config, OutboundCalls outbound) {
        this.outbound = outbound;
        this.current = current;
        this.tokens = tokens;
        this.stepUps = stepUps;
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.paymentsConnectTimeout()).build();
    }

    @GET
    @Path("/accounts")
    public Response accounts() {
        return forward("list-accounts", HttpRequest.newBuilder(upstream("/accounts")).GET(), null);
    }

    @GET
    @Path("/payments")
    public Response payments(@QueryParam("page") String page, @QueryParam("size") String size) {
        String query = paging("page", page) + paging("size", size);
        return forward("list-payments", HttpRequest.newBuilder(upstream("/payments" + (query.isEmpty() ? "" : "?" + query.substring(1)))).GET(), null);
    }

    @GET
    @Path("/payments/{id}")
    public Response payment(@PathParam("id") String id) {
        if (!UUID.matcher(id).matches()) {
            throw new ProblemException(Problem.of("not-found", "Not found", 404, "No such payment."));
        }
        return forward("get-payment", HttpRequest.newBuilder(upstream("/payments/" + id)).GET(), null);
    }

    @POST
    @Path("/payments")
    public Response book(@HeaderParam("Idempotency-Key") String idempotencyKey, String body) {
        if (!PaymentRules.isIdempotencyKey(idempotencyKey)) {
            throw new ProblemException(Problem.of("idempotency-key-required", "Idempotency-Key required", 400,
                    "Send an Idempotency-Key header, the same on every retry of this payment."));
        }
        SessionView session = current.require();
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream("/payments"))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        stepUps.paymentToken(current.sessionId(), idempotencyKey).ifPresent(token -> request.header("Step-Up-Token", token));
        Response response = forward("book-payment", request, session);
        if (response.getStatus() == 401 && String.valueOf(response.getEntity()).contains("/step-up-required")) {
            stepUps.remember(current.sessionId(), idempotencyKey, body, String.valueOf(response.getEntity()));
        }
        return response;
    }

    @GET
    @Path("/admin/payments")
    public Response admin(@QueryParam("page") String page, @QueryParam("size") String size) {
        String query = paging("page", page) + paging("size", size);
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream("/admin/payments" + (query.isEmpty() ? "" : "?" + query.substring(1)))).GET();
        SessionView session = current.require();
        // An admin step-up (POST /bff/mfa/challenges {purpose:"admin"}) approves admin reads for its 5 minutes.
        stepUps.purposeToken(current.sessionId(), "admin").ifPresent(token -> request.header("Step-Up-Token", token));
        return forward("admin-list-payments", request, session);
    }

    private Response forward(String operation, HttpRequest.Builder request, SessionView known) {
        SessionView session = known == null ? current.require() : known;
        String accessToken = tokens.accessToken(current.sessionId(), session);
        request.header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").timeout(config.paymentsReadTimeout());
        try {
            HttpRequest built = request.build();
            HttpResponse<String> upstream = outbound.call("payments-service", operation, built.method(), built.uri(), request::header,
                    HttpResponse::statusCode, () -> send(request.build()));
            if (upstream.statusCode() >= 500) {
                return badGateway();
            }
            return Response.status(upstream.statusCode())
                    .type(upstream.headers().firstValue("Content-Type").orElse("application/json"))
                    .entity(upstream.body()).build();
        } catch (IOException e) {
            return badGateway();
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for payments-service");
        }
    }

    private URI upstream(String path) {
        return URI.create(config.paymentsUrl() + path);
    }

    private static String paging(String name, String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (!PAGING.matcher(value).matches()) {
            throw new ProblemException(Problem.of("invalid-request", "Invalid request", 400, "'" + name + "' must be a whole number."));
        }
        return "&" + name + "=" + value;
    }

    /** payments-service unreachable, too slow or failing: 503 with Retry-After, never its body or a hang. */
    private static Response badGateway() {
        return Problem.of("upstream-unavailable", "Service unavailable", 503, "The banking service did not answer; please try again.")
                .toResponseBuilder().header("Retry-After", "2").build();
    }
}
