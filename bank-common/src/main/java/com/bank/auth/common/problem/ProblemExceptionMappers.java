package com.bank.auth.common.problem;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every error leaves the service as {@code application/problem+json} (RFC 9457); auth errors also carry the
 * RFC 6750 {@code WWW-Authenticate} challenge. Needs {@code quarkus.http.auth.proactive=false}, so that
 * authentication failures reach these mappers instead of an empty 401 from the HTTP layer.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthenticated(HttpHeaders headers) {
        boolean tokenPresented = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        Problem problem = tokenPresented
                ? Problem.of("invalid-token", "Invalid token", 401, "The access token is not valid for this service.")
                : Problem.of("unauthenticated", "Authentication required", 401, "A Bearer access token is required.");
        return problem.toResponseBuilder()
                .header(HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer")
                .build();
    }

    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden() {
        return Problem.of("insufficient-scope", "Forbidden", 403, "The token does not grant this operation.")
                .toResponseBuilder()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"")
                .build();
    }

    /** Listed one by one: Quarkus maps the most specific type, and has its own mappers for the subtypes. */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            UnrecognizedPropertyException.class, InvalidFormatException.class })
    public Response malformedJson(JsonProcessingException e) {
        String detail = "The request body is not valid JSON for this operation.";
        if (e instanceof UnrecognizedPropertyException unknown) {
            detail = "Unknown field '" + unknown.getPropertyName() + "'.";
        } else if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            detail = "Field '" + mismatch.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(java.util.stream.Collectors.joining(".")) + "' has the wrong type or shape.";
        }
        return Problem.of("malformed-request", "Malformed request", 400, detail).toResponse();
    }

    /** Bean Validation failures: 400 with one entry per field, naming the field and the rule, never the value. */
    @ServerExceptionMapper(ConstraintViolationException.class)
    public Response invalid(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", field(v), "message", v.getMessage()))
                .sorted(Comparator.comparing(m -> m.get("field")))
                .toList();
        return Problem.of("invalid-request", "Invalid request", 400, "The request has invalid fields.")
                .with(Map.of("errors", errors)).toResponse();
    }

    private static String field(ConstraintViolation<?> violation) {
        // "create.request.tokens.accessToken" -> "tokens.accessToken": drop method and parameter names.
        String[] parts = violation.getPropertyPath().toString().split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : parts[parts.length - 1];
    }

    @ServerExceptionMapper(NotFoundException.class)
    public Response notFound() {
        return Problem.of("not-found", "Not found", 404, "No such resource.").toResponse();
    }

    @ServerExceptionMapper(ProblemException.class)
    public Response problem(ProblemException e) {
        return e.toResponse();
    }

    @ServerExceptionMapper(WebApplicationException.class)
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family == Response.Status.Family.SERVER_ERROR) {
            return unexpected(e);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return Problem.of("http-" + status, reason, status, reason).toResponse();
    }

    @ServerExceptionMapper(Exception.class)
    public Response unexpected(Exception e) {
        // Logged with the class only: messages of low-level exceptions can carry request data.
        LOG.errorf("Unexpected %s", e.getClass().getName());
        LOG.debug("Unexpected failure", e);
        return Problem.of("internal-error", "Internal error", 500, "The request could not be completed.").toResponse();
    }
}
