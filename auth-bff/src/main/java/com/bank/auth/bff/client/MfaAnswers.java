package com.bank.auth.bff.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

/**
 * mfa-service's answer as the SPA's: a 4xx on the user's input as it is (status, problem body, Retry-After on 429); a
 * 5xx fails like an unreachable service (the BFF's one 503 problem, {@code rest/DownstreamProblems}), never with
 * mfa-service's body.
 */
public final class MfaAnswers {

    private MfaAnswers() {
    }

    public static Response forTheSpa(Response upstream) {
        if (upstream.getStatus() >= 500) {
            upstream.close();
            throw new ProcessingException("mfa-service answered " + upstream.getStatus());
        }
        Response.ResponseBuilder answer = Response.status(upstream.getStatus());
        if (upstream.hasEntity()) {
            answer.type(upstream.getMediaType()).entity(upstream.readEntity(String.class));
        }
        String retryAfter = upstream.getHeaderString("Retry-After");
        if (retryAfter != null) {
            answer.header("Retry-After", retryAfter);
        }
        return answer.build();
    }
}
