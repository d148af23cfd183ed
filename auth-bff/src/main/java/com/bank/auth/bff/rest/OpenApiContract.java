package com.bank.auth.bff.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
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
@OpenAPIDefinition(info = @Info(title = "auth-bff (browser API)", version = "1.0.0", description = "The API the web app calls: /bff/* (login, user, logout, step-up, sessions, factors) and /api/* (a fixed proxy to payments-service). The browser never sees a token: it holds the __Host-bank-session cookie, and sends X-CSRF-Token (the value of the __Host-bank-csrf cookie) with every state-changing request, from the app's own origin."),
        security = @SecurityRequirement(name = "session-cookie"))
@SecuritySchemes(@SecurityScheme(securitySchemeName = "session-cookie", description = "The HttpOnly session cookie set at sign-in; state-changing requests also need the X-CSRF-Token header.", type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.COOKIE, apiKeyName = "__Host-bank-session"))
public class OpenApiContract extends Application {
}
