package com.bank.auth.bff.rest;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.bank.auth.common.problem.Problem;

/**
 * The BFF's one translation of a downstream that is unreachable, too slow or failing (a REST client's connect or read
 * timeout, a refused connection, a 5xx): 503 problem with Retry-After, never a 500, never the downstream's body.
 * session-service failures are translated in {@code BffSessions.call}; payments-service's in the API proxy.
 */
public class DownstreamProblems {

    private static final Logger LOG = Logger.getLogger(DownstreamProblems.class);

    @ServerExceptionMapper(ProcessingException.class)
    public Response unreachable(ProcessingException e) {
        return unavailable(e.getClass().getSimpleName() + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")"));
    }

    static Response unavailable(String why) {
        LOG.warnf("downstream unavailable: %s", why);
        return Problem.of("service-unavailable", "Service unavailable", 503, "This is not possible right now; please try again shortly.")
                .toResponseBuilder().header("Retry-After", "2").build();
    }
}
