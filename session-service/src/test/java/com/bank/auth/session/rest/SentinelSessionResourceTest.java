package com.bank.auth.session.rest;

import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.RedisSentinelTestResource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The same session API tests, through a real Redis Sentinel group (issue 26): the client finds the primary through the
 * Sentinels, as it does in production with {@code redis.mode=sentinel}, and every script and read behaves the same.
 */
@QuarkusTest
@TestProfile(SentinelSessionResourceTest.ThroughSentinel.class)
@WithTestResource(KeycloakTestResource.class)
class SentinelSessionResourceTest extends SessionResourceTest {

    /** It really is the primary the Sentinels name, not a Redis of its own choosing. */
    @org.junit.jupiter.api.Test
    void theClientTalksToThePrimaryTheSentinelsName() {
        // Whichever node they name: a failover test may have promoted a replica.
        int primary = com.bank.auth.testing.SentinelFailover.primaryPort();
        String server = redis.execute("INFO", "server").toString();
        String replication = redis.execute("INFO", "replication").toString();
        org.junit.jupiter.api.Assertions.assertTrue(server.contains("tcp_port:" + primary), server);
        org.junit.jupiter.api.Assertions.assertTrue(replication.contains("role:master") && replication.contains("connected_slaves:2"), replication);
    }

    /** Its own profile: a Quarkus app of its own, whose Redis client the Sentinel resource configures. */
    public static class ThroughSentinel implements QuarkusTestProfile {
        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(RedisSentinelTestResource.class));
        }
    }
}
