package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bank.auth.testing.ThrowAwayUser;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What session-service knows of a session the BFF answers from memory (issue 25, DESIGN 3): the requests it served
 * are counted, and the idle timer slides to the last of them (not to when they were reported), within one touch
 * interval ({@code bff.session-cache.touch-interval}, 10 s). The cross-replica rules are in {@link TwoReplicasIT}.
 */
class SessionNearCacheIT {

    private static final Duration TOUCH_INTERVAL = Duration.ofSeconds(10);

    @RegisterExtension
    static final ThrowAwayUser USER = new ThrowAwayUser();

    @Test
    void theUsesAndTheIdleDeadlineAtSessionServiceFollowTheRequestsServedFromMemory() throws Exception {
        Browser app = new Browser();
        assertEquals(302, app.signIn(USER.get().username(), USER.get().password(), "/").statusCode());
        String sessionId = app.cookies.get("__Host-bank-session");
        int requests = 20;
        for (int i = 0; i < requests; i++) {
            assertEquals(200, app.get("/bff/user").statusCode());
            Thread.sleep(100);
        }
        Instant lastRequest = Instant.now();
        JsonNode early = SessionServiceApi.peek(sessionId);
        assertTrue(early.path("uses").asLong() < requests, "session-service was not asked on every request: " + early);

        Thread.sleep(TOUCH_INTERVAL.plusSeconds(2).toMillis());
        JsonNode session = SessionServiceApi.peek(sessionId);
        assertEquals(requests, session.path("uses").asLong(), "every request counted, within one touch interval");
        Instant lastSeen = Instant.parse(session.path("lastSeenAt").asText());
        assertTrue(lastSeen.isAfter(lastRequest.minusSeconds(1)) && !lastSeen.isAfter(lastRequest.plusMillis(500)),
                "the idle timer slid to the last request (" + lastRequest + "), not to its report: " + lastSeen);
    }
}
