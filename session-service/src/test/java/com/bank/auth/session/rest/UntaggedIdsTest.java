package com.bank.auth.session.rest;

import static com.bank.auth.session.rest.SessionApi.bff;
import static com.bank.auth.session.rest.SessionApi.create;
import static com.bank.auth.session.rest.SessionApi.uniqueSub;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.KeycloakTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The rollout that upgrades to the hash-tag layout (issue 26): with {@code untagged-ids=write} new sessions get ids of
 * the shape from before tags, which pods of the older release still know, and every operation on them works under the
 * layout of their time, by id and by user (their list, their end, a back-channel logout by sid).
 */
@QuarkusTest
@TestProfile(UntaggedIdsTest.WritingUntaggedIds.class)
@WithTestResource(KeycloakTestResource.class)
class UntaggedIdsTest {

    @Test
    void sessionsWithIdsFromBeforeTagsLiveRotateAndEndAsBefore() {
        String sub = uniqueSub();
        String id = create(sub).then().statusCode(201).body("sessionId", matchesPattern("[A-Za-z0-9_-]{43}")).extract().path("sessionId");
        bff(id).post("/sessions/lookup").then().statusCode(200);
        String rotated = bff(id).post("/sessions/rotate").then().statusCode(200)
                .body("sessionId", matchesPattern("[A-Za-z0-9_-]{43}")).extract().path("sessionId");
        bff(id).post("/sessions/lookup").then().statusCode(410);
        bff(rotated).post("/sessions/lookup").then().statusCode(200);
        bff().get("/users/{sub}/sessions", sub).then().statusCode(200).body("$", hasSize(1));
        bff().delete("/users/{sub}/sessions", sub).then().statusCode(200).body("endedHandles", hasSize(1));
        bff(rotated).post("/sessions/lookup").then().statusCode(410);

        String other = uniqueSub();
        String byIdp = create(other, "sid-of-" + other).path("sessionId");
        bff().delete("/idp-sessions/{sid}", "sid-of-" + other).then().statusCode(200).body("endedHandles", hasSize(1));
        bff(byIdp).post("/sessions/lookup").then().statusCode(410);
    }

    public static class WritingUntaggedIds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bank.sessions.untagged-ids", "write");
        }
    }
}
