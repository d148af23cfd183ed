package com.bank.auth.session.rest;

import static com.bank.auth.session.rest.SessionApi.bff;
import static com.bank.auth.session.rest.SessionApi.create;
import static com.bank.auth.session.rest.SessionApi.uniqueSub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.bank.auth.testing.KeycloakTestResource;
import com.bank.auth.testing.SentinelFailover;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A Sentinel failover under load (issue 26): the primary dies while four callers look sessions up without pause. While
 * no primary answers, every answer is a 503 problem (fail closed: never another 5xx, never a hang, never a session
 * served unchecked); once the Sentinels promote a replica the client finds it by itself (no restart), and every session
 * made before the failover works again. The window of 503s is written to {@code target/failover-sentinel.json}.
 */
@QuarkusTest
@TestProfile(SentinelSessionResourceTest.ThroughSentinel.class)
@WithTestResource(KeycloakTestResource.class)
class SentinelFailoverTest {

    @Test
    void aPrimaryKilledUnderLoadFailsClosedThenEverySessionWorksAgainWithoutARestart() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(create(uniqueSub()).then().statusCode(201).extract().path("sessionId"));
        }
        int killed = -1;
        try {
            try (FailoverLoad load = new FailoverLoad(ids)) {
                Thread.sleep(2000);
                load.killedNow();
                killed = SentinelFailover.killPrimary();
                long start = System.currentTimeMillis();
                SentinelFailover.awaitNewPrimary(killed, Duration.ofSeconds(60));
                long promotedAfter = System.currentTimeMillis() - start;
                load.assertFailedClosedAndRecovered();
                load.report("sentinel", Map.of("promotedAfterMs", promotedAfter));
            }
            for (String id : ids) {
                bff(id).post("/sessions/lookup").then().statusCode(200);
            }
        } finally {
            // Whatever the outcome, the group gets its third node back, for the Sentinel tests after this one.
            if (killed > 0 && SentinelFailover.primaryPort() != killed) {
                SentinelFailover.rejoinAsReplica(killed, SentinelFailover.primaryPort());
            }
        }
    }
}
