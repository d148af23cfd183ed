package com.bank.auth.session.rest;

import static com.bank.auth.session.rest.SessionApi.create;
import static com.bank.auth.session.rest.SessionApi.uniqueSub;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.RedisClusterTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The same session API tests on a real Redis Cluster (issue 26, DESIGN 4): every script declares its keys and stays in
 * its user's hash slot, so each runs on the primary that owns the slot; the users of a run are spread over all three.
 */
@QuarkusTest
@TestProfile(ClusterSessionResourceTest.OnCluster.class)
@WithTestResource(KeycloakTestResource.class)
class ClusterSessionResourceTest extends SessionResourceTest {

    /** Sessions of different users land on different primaries: the hash tags spread them over the whole cluster. */
    @org.junit.jupiter.api.Test
    void theSessionsOfManyUsersAreSpreadOverEveryPrimary() {
        for (int i = 0; i < 30; i++) {
            create(uniqueSub()).then().statusCode(201);
        }
        Set<Integer> primaries = new HashSet<>();
        for (String node : RedisKeys.primaries()) {
            if (!RedisKeys.onNode(node, keys.prefix() + "*session:*").isEmpty()) {
                primaries.add(Integer.parseInt(node.substring(node.lastIndexOf(':') + 1)));
            }
        }
        assertEquals(3, primaries.size(), "sessions on every primary: " + primaries);
        List<String> some = RedisKeys.all(redis, keys.prefix() + "*session:*");
        assertTrue(some.stream().allMatch(k -> k.matches(java.util.regex.Pattern.quote(keys.prefix()) + "\\{[0-9a-f]{4}\\}session:[0-9a-f]{64}")), some.toString());
    }

    /** An id from before hash tags names keys in different slots: on a cluster it is unknown (404), never a 503. */
    @org.junit.jupiter.api.Test
    void anIdFromBeforeTagsIsUnknownHereNeverA503() {
        SessionApi.bff(com.bank.auth.session.service.SessionIds.newId("")).post("/sessions/lookup").then().statusCode(404);
    }

    /** Its own profile: a Quarkus app of its own, whose Redis client the cluster resource configures. */
    public static class OnCluster implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisClusterTestResource.class));
        }
    }
}
