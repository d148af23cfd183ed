package com.bank.auth.payments.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The head of this service's OpenAPI document, served at {@code /q/openapi} on the management port. Operations come
 * from the resources; the Problem schema and the error answers every operation shares come from bank-common's
 * {@code ProblemResponses} filter. DESIGN.md §9 is the prose of the same contract. An {@code Application} without
 * {@code @ApplicationPath} changes no path: it only carries the document's head, where SmallRye OpenAPI reads it.
 */
@OpenAPIDefinition(info = @Info(title = "payments-service", version = "1.0.0", description = "Accounts and payments of the signed-in user, as a stateless JWT resource server. Callers send the user's Keycloak access token (aud payments-api); payments that need strong customer authentication under the SCA policy (DESIGN 5a: high value, new payees, past the low-value run) also need a Step-Up-Token from mfa-service bound to exactly that payment (txn), else 401 with an RFC 9470 challenge and a step-up-required problem."),
        security = @SecurityRequirement(name = "bearer"))
@SecuritySchemes(@SecurityScheme(securitySchemeName = "bearer", description = "The user's Keycloak access token (PS256, aud payments-api).", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT"))
public class OpenApiContract extends Application {
}
