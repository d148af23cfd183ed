package com.bank.auth.bff.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.bank.auth.common.problem.ProblemException;

/**
 * How session-service's answers become the browser's (issue 23, item 1): a refusal of what was sent stays a 4xx with
 * session-service's problem type, only an outage (unreachable, 5xx, or the BFF's own token refused) is a 503.
 */
class BffSessionsTest {

    @ParameterizedTest
    @ValueSource(ints = { 400, 413, 422, 428 })
    void aRefusalOfWhatWasSentStaysThatRefusal(int status) {
        ProblemException refused = failWith(Response.status(status).type("application/problem+json")
                .entity("{\"type\":\"https://bank.example/problems/invalid-request\",\"title\":\"Invalid request\",\"status\":"
                        + status + ",\"detail\":\"A step-up entry is a JSON object of at most 32 KiB.\"}").build());
        assertEquals(status, refused.problem().status());
        assertEquals("https://bank.example/problems/invalid-request", refused.problem().type().toString());
        assertEquals("A step-up entry is a JSON object of at most 32 KiB.", refused.problem().detail());
    }

    @Test
    void aRateLimitKeepsItsRetryAfter() {
        ProblemException limited = failWith(Response.status(429).header("Retry-After", "7").build());
        assertEquals(429, limited.problem().status());
        assertEquals("7", limited.toResponse().getHeaderString("Retry-After"));
    }

    @Test
    void aProblemOfAnotherOriginIsNotPassedOn() {
        ProblemException refused = failWith(Response.status(400)
                .entity("{\"type\":\"https://evil.example/x\",\"detail\":\"<script>\"}").build());
        assertEquals("https://bank.example/problems/invalid-request", refused.problem().type().toString());
        assertEquals("The request was refused.", refused.problem().detail());
    }

    @ParameterizedTest
    @ValueSource(ints = { 401, 403, 500, 502, 503 })
    void anOutageOrAMisconfiguredBffIsA503(int status) {
        assertEquals(503, failWith(Response.status(status).build()).problem().status());
    }

    @Test
    void unreachableIsA503() {
        ProblemException unavailable = assertThrows(ProblemException.class, () -> BffSessions.call(() -> {
            throw new ProcessingException("connection refused");
        }));
        assertEquals(503, unavailable.problem().status());
    }

    @Test
    void goneAndConflictKeepTheirMeaning() {
        assertThrows(BffSessions.SessionGone.class, () -> BffSessions.call(() -> {
            throw new WebApplicationException(Response.status(404).build());
        }));
        assertThrows(WebApplicationException.class, () -> BffSessions.call(() -> {
            throw new WebApplicationException(Response.status(409).build());
        }));
    }

    private static ProblemException failWith(Response response) {
        return assertThrows(ProblemException.class, () -> BffSessions.call(() -> {
            throw new WebApplicationException(response);
        }));
    }
}
