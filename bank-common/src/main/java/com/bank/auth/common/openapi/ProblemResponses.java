package com.bank.auth.common.openapi;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds what every operation of every service shares to the OpenAPI document: the RFC 9457 {@code Problem} schema, and
 * the error answers any operation can give (400, 401 with its RFC 6750 / RFC 9470 challenge, 403, 422, 503 with
 * {@code Retry-After}), unless the operation documents them itself. One place, so the four contracts cannot drift.
 */
public class ProblemResponses implements OASFilter {

    static final String PROBLEM = "application/problem+json";
    static final String PROBLEM_REF = "#/components/schemas/Problem";

    private static final Map<String, String> COMMON = Map.of(
            "400", "Malformed request (problem type .../invalid-request or more specific).",
            "401", "Not authenticated, or a step-up is required. The WWW-Authenticate header carries the challenge: "
                    + "Bearer error=\"invalid_token\" (RFC 6750), or error=\"insufficient_user_authentication\" (RFC 9470) "
                    + "with the problem's extension members naming what to approve.",
            "403", "Authenticated, but not allowed (scope, caller, CSRF or origin checks).",
            "422", "Well-formed but refused by a business rule; the problem names the field.",
            "503", "A dependency did not answer within its time budget; retry after Retry-After seconds.");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(this::addCommonProblems));
    }

    private void addCommonProblems(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        // security: [] marks an operation anyone may call (JWKS, login): no 401 or 403 to document.
        boolean open = operation.getSecurity() != null && operation.getSecurity().isEmpty();
        COMMON.forEach((status, description) -> {
            if (open && (status.equals("401") || status.equals("403"))) {
                return;
            }
            if (responses.getAPIResponse(status) == null) {
                responses.addAPIResponse(status, problem(status, description));
            }
        });
    }

    private static APIResponse problem(String status, String description) {
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(problemContent());
        if (status.equals("401")) {
            response.addHeader("WWW-Authenticate", header("The challenge (RFC 6750, RFC 9470)."));
        }
        if (status.equals("503")) {
            response.addHeader("Retry-After", header("Seconds to wait before retrying."));
        }
        return response;
    }

    private static Content problemContent() {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
        return OASFactory.createContent().addMediaType(PROBLEM, media);
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details. Extension members (e.g. purpose, challenge, attemptsRemaining) "
                        + "are documented with the operations that send them.")
                .addProperty("type", string("A URI naming the problem type, e.g. https://bank.example/problems/step-up-required."))
                .addProperty("title", string("A short summary of the problem type."))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).description("The HTTP status."))
                .addProperty("detail", string("What happened, for people; never a secret."))
                .addProperty("instance", string("This occurrence, when known."))
                .required(java.util.List.of("type", "title", "status"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
