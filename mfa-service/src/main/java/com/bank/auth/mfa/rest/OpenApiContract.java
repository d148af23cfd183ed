package com.bank.auth.mfa.rest;

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
@OpenAPIDefinition(info = @Info(title = "mfa-service", version = "1.0.0", description = "Second factors (TOTP, SMS) and their lifecycle, step-up challenges bound to a payment or purpose, and the ES256 step-up tokens it signs (JWKS at /.well-known/jwks.json). Called by the BFF with a client-credentials token; factor changes also need a factor-change Step-Up-Token or a recent login."),
        security = @SecurityRequirement(name = "service-token"))
@SecuritySchemes(@SecurityScheme(securitySchemeName = "service-token", description = "A client-credentials token of an allowed caller (azp bank-bff).", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT"))
public class OpenApiContract extends Application {
}
