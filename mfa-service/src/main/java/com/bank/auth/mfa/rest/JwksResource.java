package com.bank.auth.mfa.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;

import com.bank.auth.mfa.service.StepUpSigner;

/** The public keys of step-up tokens, for payments-service. Public by design. */
// No credentials: anyone may call it (documented as such in OpenAPI: security []).
@SecurityRequirementsSet({})
@Path("/.well-known/jwks.json")
@PermitAll
public class JwksResource {

    private final StepUpSigner signer;

    JwksResource(StepUpSigner signer) {
        this.signer = signer;
    }

    @GET
    @Produces("application/jwk-set+json")
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(signer.jwks()).cacheControl(cache).build();
    }
}
