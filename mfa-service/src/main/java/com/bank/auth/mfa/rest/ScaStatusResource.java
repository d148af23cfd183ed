package com.bank.auth.mfa.rest;

import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.bank.auth.mfa.model.Factor;
import com.bank.auth.mfa.service.LastSca;

import io.quarkus.security.PermissionsAllowed;

/**
 * What the BFF asks at sign-in (DESIGN 5a, PSD2 RTS Art. 10a): when the user last completed SCA, and whether they have
 * an active factor to complete one with. {@code lastScaAt} is absent when they never did.
 */
@Path("/users/{sub}/sca-status")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed("mfa")
public class ScaStatusResource {

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ScaStatus(Instant lastScaAt, boolean activeFactor) {
    }

    private final LastSca lastSca;

    ScaStatusResource(LastSca lastSca) {
        this.lastSca = lastSca;
    }

    @GET
    public ScaStatus status(@PathParam("sub") String sub) {
        String user = Subjects.required(sub);
        return new ScaStatus(lastSca.of(user).orElse(null), Factor.count("sub = ?1 and status = ?2", user, Factor.ACTIVE) > 0);
    }
}
