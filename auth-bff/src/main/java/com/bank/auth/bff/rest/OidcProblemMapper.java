package com.bank.auth.bff.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.bank.auth.bff.oidc.OidcUnavailableException;
import com.bank.auth.common.problem.Problem;

/** Keycloak unreachable or misbehaving: 503, and nothing was created. */
public class OidcProblemMapper {

    private static final Logger LOG = Logger.getLogger(OidcProblemMapper.class);

    @ServerExceptionMapper(OidcUnavailableException.class)
    public Response unavailable(OidcUnavailableException e) {
        LOG.warnf("Identity provider unavailable: %s", e.getMessage());
        return Problem.of("idp-unavailable", "Sign-in unavailable", 503, "Sign-in is not possible right now; please try again.")
                .toResponseBuilder().header("Retry-After", "5").build();
    }
}
