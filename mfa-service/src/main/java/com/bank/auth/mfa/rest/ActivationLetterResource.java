package com.bank.auth.mfa.rest;

import java.util.Arrays;
import java.util.Map;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.mfa.config.MfaConfig;
import com.bank.auth.mfa.service.ActivationCodes;
import com.bank.auth.mfa.service.MfaProblems;

import io.quarkus.security.Authenticated;

/**
 * The bank's back office asks for an activation letter for a customer (DESIGN 5, 9): 201 {@code {letterId, expiresAt}};
 * the code goes only into the letter. Only a client on {@code mfa.letters.allowed-callers} ({@code bank-backoffice})
 * with scope {@code mfa:onboarding} may: checked here, not by {@code @PermissionsAllowed}, because the scope would
 * imply permission {@code mfa} (Quarkus' StringPermission: name {@code mfa}, action {@code onboarding}), and the BFF's
 * permission must never follow from the back office's.
 */
@Path("/users/{sub}/activation-letters")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ActivationLetterResource {

    static final String SCOPE = "mfa:onboarding";

    private final ActivationCodes codes;
    private final JsonWebToken caller;
    private final MfaConfig config;

    ActivationLetterResource(ActivationCodes codes, JsonWebToken caller, MfaConfig config) {
        this.codes = codes;
        this.caller = caller;
        this.config = config;
    }

    @POST
    public Response issue(@PathParam("sub") String sub) {
        String scope = String.valueOf(caller.<Object>getClaim("scope")).replace("\"", "");
        boolean onboarding = config.letters().allowedCallers().contains(caller.<String>getClaim("azp"))
                && Arrays.asList(scope.split(" ")).contains(SCOPE);
        if (!onboarding) {
            throw MfaProblems.notAllowed();
        }
        ActivationCodes.Issued issued = codes.issue(Subjects.required(sub));
        return Response.status(201).entity(Map.of("letterId", issued.letterId(), "expiresAt", issued.expiresAt())).build();
    }
}
