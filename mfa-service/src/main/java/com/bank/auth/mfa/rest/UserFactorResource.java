package com.bank.auth.mfa.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.bank.auth.mfa.model.Factor;

import io.quarkus.security.PermissionsAllowed;

/** A user's factors, as the BFF shows them: never a secret, never a full phone number. */
@Path("/users/{sub}/factors")
@Produces(MediaType.APPLICATION_JSON)
public class UserFactorResource {

    /** {@code phone} is masked and only present for SMS factors; {@code lockedUntil} only while locked. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record FactorView(UUID factorId, String type, String label, String status, Instant createdAt, Instant lastUsedAt,
            String phone, Instant lockedUntil) {
        static FactorView of(Factor factor) {
            return new FactorView(factor.id, factor.type, factor.label, factor.status, factor.createdAt, factor.lastUsedAt,
                    factor.phoneMasked, factor.lockedAt(Instant.now()) ? factor.lockedUntil : null);
        }
    }

    @GET
    @PermissionsAllowed("mfa")
    public List<FactorView> list(@PathParam("sub") String sub) {
        return Factor.ofUser(sub).stream().map(FactorView::of).toList();
    }
}
