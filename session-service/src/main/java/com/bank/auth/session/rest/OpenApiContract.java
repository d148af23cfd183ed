package com.bank.auth.session.rest;

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
@OpenAPIDefinition(info = @Info(title = "session-service", version = "1.0.0", description = "Server-side session state in Redis for the BFF: create, look up (sliding idle timeout, absolute limit), rotate, end by handle, user or Keycloak sid; refresh leases; step-up state. Only the BFF's client-credentials token is accepted (azp allow-list)."),
        security = @SecurityRequirement(name = "service-token"))
@SecuritySchemes(@SecurityScheme(securitySchemeName = "service-token", description = "A client-credentials token of an allowed caller (azp bank-bff).", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT"))
public class OpenApiContract extends Application {
}
