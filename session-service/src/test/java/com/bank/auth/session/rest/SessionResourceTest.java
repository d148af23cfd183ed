package com.bank.auth.session.rest;

import static com.bank.auth.session.rest.SessionApi.bff;
import static com.bank.auth.session.rest.SessionApi.create;
import static com.bank.auth.session.rest.SessionApi.tokens;
import static com.bank.auth.session.rest.SessionApi.uniqueSub;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.bank.auth.session.service.SessionIds;
import com.bank.auth.session.service.SessionKeys;
import com.bank.auth.testing.KeycloakTestResource;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The session API against the real Redis (own key prefix) and real Keycloak tokens. */
@QuarkusTest
@WithTestResource(KeycloakTestResource.class)
class SessionResourceTest {

    @Inject
    RedisDataSource redis;

    @Inject
    SessionKeys keys;

    @Test
    void createsA256BitIdStoredOnlyAsItsHashWithEncryptedTokens() {
        String sub = uniqueSub();
        Response created = create(sub);
        created.then().statusCode(201)
                .body("sessionId", matchesPattern("[0-9a-f]{4}\\.[A-Za-z0-9_-]{43}"))
                .body("handle", matchesPattern("[A-Za-z0-9_-]{22}"))
                .body("tokenVersion", equalTo(1))
                .body("supersededHandles", emptyIterable());
        String id = created.path("sessionId");
        assertEquals(SessionKeys.tagOf(sub), id.substring(0, 4), "the id carries its user's hash tag (Redis Cluster)");

        List<String> ourKeys = RedisKeys.all(redis, keys.prefix() + "*");
        assertTrue(ourKeys.contains(keys.slotOfSession(id).session(SessionIds.hash(id))), "keyed by SHA-256 of the id");
        assertTrue(ourKeys.stream().noneMatch(k -> k.contains(id)), "the id itself is never a key");
        Map<String, String> stored = redis.hash(String.class).hgetall(keys.slotOfSession(id).session(SessionIds.hash(id)));
        assertFalse(stored.values().stream().anyMatch(v -> v.contains(id)), "nor a value");
        assertFalse(stored.get("tokens").contains("at-"), "tokens are stored encrypted");
        assertEquals(1, java.util.Base64.getUrlDecoder().decode(stored.get("tokens"))[0], "Tink's ciphertext: its version byte, the key id, nonce, ciphertext, tag");
    }

    @Test
    void lookupReturnsTheTokensAndCountsEachUse() {
        Response created = create(uniqueSub());
        String id = created.path("sessionId");
        bff(id).post("/sessions/lookup").then().statusCode(200).body("uses", equalTo(1))
                .body("tokens.refreshToken", matchesPattern("refresh-at-\\d+"))
                .body("amr", contains("pwd"))
                .body("handle", equalTo(created.path("handle")));
        bff(id).post("/sessions/lookup").then().statusCode(200).body("uses", equalTo(2));
    }

    @Test
    void unknownMalformedAndMissingIdsAreRefusedWithProblems() {
        bff(SessionIds.newId(SessionKeys.tagOf("user-" + java.util.UUID.randomUUID()))).post("/sessions/lookup").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://bank.example/problems/session-not-found"));
        bff("../../etc/passwd").post("/sessions/lookup").then().statusCode(404);
        bff().post("/sessions/lookup").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void tokenUpdatesAreOptimistic() {
        String id = create(uniqueSub()).path("sessionId");
        bff(id).header("If-Match", "1").body(tokens("second")).put("/sessions/tokens").then()
                .statusCode(200).body("tokenVersion", equalTo(2));
        bff(id).header("If-Match", "1").body(tokens("third")).put("/sessions/tokens").then()
                .statusCode(409).body("tokenVersion", equalTo(2));
        bff(id).body(tokens("fourth")).put("/sessions/tokens").then().statusCode(428);
        bff(id).post("/sessions/lookup").then().body("tokens.accessToken", equalTo("second"));
    }

    @Test
    void twentyConcurrentTokenUpdatesOfOneVersionHaveOneWinner() throws Exception {
        String id = create(uniqueSub()).path("sessionId");
        List<Integer> statuses = concurrently(20, i -> bff(id).header("If-Match", "1").body(tokens("t" + i))
                .put("/sessions/tokens").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    }

    @Test
    void aLeaseLastsAsLongAsItsCallerAsksButNeverLongerThanTheLongestLease() {
        String id = create(uniqueSub()).path("sessionId");
        bff(id).body(Map.of("leaseId", "short", "ttlMs", 1500)).post("/sessions/refresh-lease").then().statusCode(200)
                .body("ttlMs", equalTo(1500));
        String other = create(uniqueSub()).path("sessionId");
        bff(other).body(Map.of("leaseId", "long", "ttlMs", 3_600_000)).post("/sessions/refresh-lease").then().statusCode(200)
                .body("ttlMs", equalTo(10_000));
        String unsaid = create(uniqueSub()).path("sessionId");
        bff(unsaid).body("{}").post("/sessions/refresh-lease").then().statusCode(200).body("ttlMs", equalTo(10_000));
    }

    @Test
    void twentyConcurrentLeaseRequestsHaveExactlyOneWinner() throws Exception {
        String id = create(uniqueSub()).path("sessionId");
        List<Response> replies = concurrently(20, i -> bff(id).body("{}").post("/sessions/refresh-lease"));
        List<Response> winners = replies.stream().filter(r -> r.statusCode() == 200).toList();
        assertEquals(1, winners.size());
        replies.stream().filter(r -> r.statusCode() != 200).forEach(r -> {
            assertEquals(409, r.statusCode());
            assertTrue(r.<Integer>path("retryAfterMs") > 0);
            assertEquals(1, r.<Integer>path("tokenVersion"));
        });
        String leaseId = winners.get(0).path("leaseId");
        // The holder renews; a stranger still waits.
        bff(id).body(Map.of("leaseId", leaseId)).post("/sessions/refresh-lease").then().statusCode(200)
                .body("leaseId", equalTo(leaseId));
        bff(id).body("{}").post("/sessions/refresh-lease").then().statusCode(409);
        // Fenced by the owner: while the lease is held, nobody else writes tokens, even with the current version.
        bff(id).header("If-Match", "1").body(tokens("intruder")).put("/sessions/tokens").then().statusCode(409);
        bff(id).header("If-Match", "1").header("Lease-Id", "not-the-holder").body(tokens("intruder")).put("/sessions/tokens").then()
                .statusCode(409);
        // The holder's write releases the lease; the waiters read the new version.
        bff(id).header("If-Match", "1").header("Lease-Id", leaseId).body(tokens("refreshed")).put("/sessions/tokens").then().statusCode(200);
        bff(id).post("/sessions/lookup").then().body("tokenVersion", equalTo(2)).body("tokens.accessToken", equalTo("refreshed"));
        bff(id).body("{}").post("/sessions/refresh-lease").then().statusCode(200);
    }

    @Test
    void aFailedRefreshGivesTheLeaseBackOnlyByItsHolder() {
        String id = create(uniqueSub()).path("sessionId");
        String leaseId = bff(id).body("{}").post("/sessions/refresh-lease").then().statusCode(200).extract().path("leaseId");
        bff(id).header("Lease-Id", "someone-else").delete("/sessions/refresh-lease").then().statusCode(204);
        bff(id).body("{}").post("/sessions/refresh-lease").then().statusCode(409);
        bff(id).header("Lease-Id", leaseId).delete("/sessions/refresh-lease").then().statusCode(204);
        bff(id).body("{}").post("/sessions/refresh-lease").then().statusCode(200);
    }

    @Test
    void aRotationWaitsForARefreshInFlightAndCarriesItsTokens() throws Exception {
        String id = create(uniqueSub()).path("sessionId");
        String leaseId = bff(id).body("{}").post("/sessions/refresh-lease").then().statusCode(200).extract().path("leaseId");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> rotation = pool.submit(() -> bff(id).post("/sessions/rotate"));
            Thread.sleep(300);
            assertFalse(rotation.isDone(), "the rotation waits while the refresh is in flight");
            bff(id).header("If-Match", "1").header("Lease-Id", leaseId).body(tokens("refreshed")).put("/sessions/tokens").then().statusCode(200);
            Response rotated = rotation.get(10, java.util.concurrent.TimeUnit.SECONDS);
            rotated.then().statusCode(200);
            bff(rotated.<String>path("sessionId")).post("/sessions/lookup").then().statusCode(200)
                    .body("tokenVersion", equalTo(2)).body("tokens.accessToken", equalTo("refreshed"));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Budgets nest (issue 23, item 3): a rotation waits for a refresh in flight only within bank.sessions.max-wait (3 s,
     * inside the BFF's 4 s), then answers 409 session-busy and rotates nothing, even when the refresh ends just after.
     * It used to wait up to the lease (10 s), and rotate after the BFF had given up: the browser's id was then dead.
     */
    @Test
    void aRotationGivesUpBeforeItsCallerDoesAndRotatesNothing() throws Exception {
        String id = create(uniqueSub()).path("sessionId");
        String leaseId = bff(id).body("{}").post("/sessions/refresh-lease").then().statusCode(200).extract().path("leaseId");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Response> rotation = pool.submit(() -> bff(id).post("/sessions/rotate"));
            // The answer comes while the BFF still waits (its read timeout: 4 s), the refresh still in flight.
            Response gaveUp = rotation.get(4, java.util.concurrent.TimeUnit.SECONDS);
            gaveUp.then().statusCode(409).contentType("application/problem+json")
                    .body("type", equalTo("https://bank.example/problems/session-busy"));
            // The refresh ends after that: it lands on the session as it was, under the id the browser still holds.
            bff(id).header("If-Match", "1").header("Lease-Id", leaseId).body(tokens("refreshed")).put("/sessions/tokens").then().statusCode(200);
            bff(id).post("/sessions/lookup").then().statusCode(200).body("tokens.accessToken", equalTo("refreshed"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWaiterIsWokenByTheRefreshNotByItsTimeout() throws Exception {
        String id = create(uniqueSub()).path("sessionId");
        String leaseId = bff(id).body("{}").post("/sessions/refresh-lease").then().statusCode(200).extract().path("leaseId");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long start = System.nanoTime();
            Future<Response> waiting = pool.submit(() -> bff(id).header("If-None-Match", "1").queryParam("waitMs", 3000).post("/sessions/await-tokens"));
            Thread.sleep(200);
            bff(id).header("If-Match", "1").header("Lease-Id", leaseId).body(tokens("refreshed")).put("/sessions/tokens").then().statusCode(200);
            Response woken = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
            woken.then().statusCode(200).body("tokenVersion", equalTo(2)).body("tokens.accessToken", equalTo("refreshed"));
            // Woken by the update (pub/sub), long before its 3 s would have run out.
            assertTrue(java.time.Duration.ofNanos(System.nanoTime() - start).toMillis() < 2500, "woken by the refresh, not by the timeout");
        } finally {
            pool.shutdownNow();
        }
        // Nothing changes: the same version after the wait; a wait longer than the caller's budget is refused.
        bff(id).header("If-None-Match", "2").queryParam("waitMs", 50).post("/sessions/await-tokens").then().statusCode(200)
                .body("tokenVersion", equalTo(2));
        bff(id).header("If-None-Match", "2").queryParam("waitMs", 60000).post("/sessions/await-tokens").then().statusCode(400);
    }

    @Test
    void aPeekNeitherSlidesNorCounts() {
        String id = create(uniqueSub()).path("sessionId");
        bff(id).post("/sessions/lookup").then().body("uses", equalTo(1));
        bff(id).queryParam("peek", true).post("/sessions/lookup").then().statusCode(200).body("uses", equalTo(1));
        bff(id).post("/sessions/lookup").then().body("uses", equalTo(2));
    }

    @Test
    void rotationIssuesANewIdAndTombstonesTheOldOne() {
        Response created = create(uniqueSub());
        String oldId = created.path("sessionId");
        bff(oldId).body(Map.of("payment", Map.of("amount", "12000.00"))).put("/sessions/step-ups/payment/key-1").then().statusCode(204);

        Response rotated = bff(oldId).post("/sessions/rotate");
        rotated.then().statusCode(200).body("handle", equalTo(created.path("handle")));
        String newId = rotated.path("sessionId");
        assertNotEquals(oldId, newId);

        bff(oldId).post("/sessions/lookup").then().statusCode(410).body("reason", equalTo("rotated"));
        bff(newId).post("/sessions/lookup").then().statusCode(200).body("tokens.accessToken", matchesPattern("at-\\d+"));
        bff(newId).get("/sessions/step-ups/payment/key-1").then().statusCode(200).body("payment.amount", equalTo("12000.00"));
        bff(oldId).post("/sessions/rotate").then().statusCode(410);
    }

    @Test
    void aRotationAskedAgainUnderItsKeyAnswersTheSameNewIdAndNoOtherKeyDoes() {
        String oldId = create(uniqueSub()).path("sessionId");
        String key = "challenge-" + java.util.UUID.randomUUID();
        String newId = bff(oldId).header("Idempotency-Key", key).post("/sessions/rotate").then().statusCode(200).extract().path("sessionId");

        // The BFF's answer was lost and it asks again: the same rotation, not a second one and not a tombstone.
        bff(oldId).header("Idempotency-Key", key).post("/sessions/rotate").then().statusCode(200).body("sessionId", equalTo(newId));
        bff(newId).post("/sessions/lookup").then().statusCode(200);
        // Another key or none: the old id has ended, as for any other call.
        bff(oldId).header("Idempotency-Key", "challenge-other").post("/sessions/rotate").then().statusCode(410).body("reason", equalTo("rotated"));
        bff(oldId).post("/sessions/rotate").then().statusCode(410);
        bff(oldId).header("Idempotency-Key", "not a key").post("/sessions/rotate").then().statusCode(400);

        // Once the new session has ended, the retry cannot bring it back.
        bff(newId).delete("/sessions").then().statusCode(200);
        bff(oldId).header("Idempotency-Key", key).post("/sessions/rotate").then().statusCode(410);
    }

    @Test
    void stepUpEntriesBelongToTheirSession() {
        String id = create(uniqueSub()).path("sessionId");
        String other = create(uniqueSub()).path("sessionId");
        bff(id).body(Map.of("stepUpToken", "eyJ.x.y")).put("/sessions/step-ups/payment/pay-42").then().statusCode(204);
        bff(id).get("/sessions/step-ups/payment/pay-42").then().statusCode(200).body("stepUpToken", equalTo("eyJ.x.y"));
        bff(other).get("/sessions/step-ups/payment/pay-42").then().statusCode(404);
        bff(id).get("/sessions/step-ups/payment/unknown").then().statusCode(404);
        bff(id).body("[1,2]").put("/sessions/step-ups/payment/pay-43").then().statusCode(400);
        bff(id).delete("/sessions/step-ups/payment/pay-42").then().statusCode(204);
        bff(id).get("/sessions/step-ups/payment/pay-42").then().statusCode(404);
    }

    /** issue 23, item 9: a refusal that races an approval (keepApproved) never replaces it; without an approval it does. */
    @Test
    void aParallelRefusalNeverReplacesAnApproval() {
        String id = create(uniqueSub()).path("sessionId");
        bff(id).body(Map.of("request", "first")).queryParam("keepApproved", true).put("/sessions/step-ups/payment/pay-7")
                .then().statusCode(204);
        bff(id).body(Map.of("request", "second")).queryParam("keepApproved", true).put("/sessions/step-ups/payment/pay-7")
                .then().statusCode(204);
        bff(id).get("/sessions/step-ups/payment/pay-7").then().body("request", equalTo("second"));

        bff(id).body(Map.of("request", "second", "stepUpToken", "eyJ.a.b")).put("/sessions/step-ups/payment/pay-7").then().statusCode(204);
        bff(id).body(Map.of("request", "third")).queryParam("keepApproved", true).put("/sessions/step-ups/payment/pay-7")
                .then().statusCode(204);
        bff(id).get("/sessions/step-ups/payment/pay-7").then().body("request", equalTo("second")).body("stepUpToken", equalTo("eyJ.a.b"));
        // Without keepApproved (a new approval, a challenge link) the entry is replaced as before.
        bff(id).body(Map.of("request", "third", "stepUpToken", "eyJ.c.d")).put("/sessions/step-ups/payment/pay-7").then().statusCode(204);
        bff(id).get("/sessions/step-ups/payment/pay-7").then().body("stepUpToken", equalTo("eyJ.c.d"));
    }

    @Test
    void aFullStepUpStoreEvictsItsOldestEntryInsteadOfRefusing() throws Exception {
        String id = create(uniqueSub()).path("sessionId");
        for (int i = 1; i <= 25; i++) {
            bff(id).body(Map.of("n", i)).put("/sessions/step-ups/payment/pay-" + i).then().statusCode(204);
            Thread.sleep(2);   // distinct store times, so "oldest" is well defined
        }
        for (int i = 1; i <= 5; i++) {
            bff(id).get("/sessions/step-ups/payment/pay-" + i).then().statusCode(404);
        }
        for (int i = 6; i <= 25; i++) {
            bff(id).get("/sessions/step-ups/payment/pay-" + i).then().statusCode(200).body("n", equalTo(i));
        }
        // Overwriting an entry is no new entry: nothing else is evicted.
        bff(id).body(Map.of("n", 60)).put("/sessions/step-ups/payment/pay-6").then().statusCode(204);
        bff(id).get("/sessions/step-ups/payment/pay-7").then().statusCode(200);
        bff(id).body(Map.of("challenge", true)).put("/sessions/step-ups/challenge/c-1").then().statusCode(204);
        bff(id).get("/sessions/step-ups/payment/pay-7").then().statusCode(404);
        bff(id).get("/sessions/step-ups/payment/pay-6").then().statusCode(200).body("n", equalTo(60));
        bff(id).get("/sessions/step-ups/challenge/c-1").then().statusCode(200);
    }

    @Test
    void aSharedWindowCounterRefusesPastItsLimitUntilTheWindowEnds() throws Exception {
        String key = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(uniqueSub().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, Object> hit = Map.of("key", key, "limit", 3, "windowMs", 1500);
        for (int i = 0; i < 3; i++) {
            SessionApi.bff().body(hit).post("/rate-limits/login").then().statusCode(200).body("allowed", equalTo(true));
        }
        SessionApi.bff().body(hit).post("/rate-limits/login").then().statusCode(200).body("allowed", equalTo(false))
                .body("retryAfterMs", org.hamcrest.Matchers.lessThanOrEqualTo(1500));
        // Another limit, or another key, is another counter.
        SessionApi.bff().body(hit).post("/rate-limits/other").then().body("allowed", equalTo(true));
        Thread.sleep(1600);
        SessionApi.bff().body(hit).post("/rate-limits/login").then().body("allowed", equalTo(true));
        SessionApi.bff().body(Map.of("key", "not-a-hash", "limit", 3, "windowMs", 1500)).post("/rate-limits/login").then().statusCode(400);
        SessionApi.bff().body(hit).post("/rate-limits/Bad_Name").then().statusCode(400);
    }

    @Test
    void stepUpNamespacesNeverMix() {
        String id = create(uniqueSub()).path("sessionId");
        // A payment filed under the key "factor-change" is not the session's factor-change approval, nor a challenge link.
        bff(id).body(Map.of("stepUpToken", "payment-approval")).put("/sessions/step-ups/payment/factor-change").then().statusCode(204);
        bff(id).get("/sessions/step-ups/purpose/factor-change").then().statusCode(404);
        bff(id).body(Map.of("idempotencyKey", "x")).put("/sessions/step-ups/payment/challenge.1234").then().statusCode(204);
        bff(id).get("/sessions/step-ups/challenge/1234").then().statusCode(404);
        bff(id).get("/sessions/step-ups/other/factor-change").then().statusCode(400);
        bff(id).get("/sessions/step-ups/payment/factor-change").then().statusCode(200).body("stepUpToken", equalTo("payment-approval"));
    }

    @Test
    void terminatedSessionsAnswer410WithTheReasonForever() {
        String id = create(uniqueSub()).path("sessionId");
        bff(id).delete("/sessions").then().statusCode(200);
        bff(id).post("/sessions/lookup").then().statusCode(410).contentType("application/problem+json")
                .body("reason", equalTo("logout"));
        bff(id).delete("/sessions").then().statusCode(410);
        Long tombstoneTtl = redis.key().pttl(keys.slotOfSession(id).id(SessionIds.hash(id)));
        // DESIGN 4: 24 h, long past any cookie that could carry the id, and what bounds Redis' memory at a bank's scale.
        assertTrue(tombstoneTtl > 23L * 3600 * 1000 && tombstoneTtl <= 24L * 3600 * 1000, "tombstone kept 24 h, ttl " + tombstoneTtl);
    }

    @Test
    void aNewLoginSupersedesTheOlderSession() {
        String sub = uniqueSub();
        Response first = create(sub);
        Response second = create(sub);
        second.then().statusCode(201).body("supersededHandles", contains(first.<String>path("handle")));
        bff(first.<String>path("sessionId")).post("/sessions/lookup").then().statusCode(410).body("reason", equalTo("superseded"));
        bff(second.<String>path("sessionId")).post("/sessions/lookup").then().statusCode(200);
    }

    @Test
    void usersSeeTheirSessionsByHandleAndEndThem() {
        String sub = uniqueSub();
        Response created = create(sub);
        String handle = created.path("handle");
        bff().get("/users/{sub}/sessions", sub).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].handle", equalTo(handle)).body("[0].userAgent", equalTo("JUnit"))
                .body("[0]", not(hasItem("sessionId")));
        bff().queryParam("except", handle).delete("/users/{sub}/sessions", sub).then().statusCode(200)
                .body("endedHandles", emptyIterable());
        bff().delete("/users/{sub}/sessions/{handle}", sub, handle).then().statusCode(200)
                .body("endedHandles", contains(handle));
        bff(created.<String>path("sessionId")).post("/sessions/lookup").then().statusCode(410).body("reason", equalTo("ended-by-user"));
        bff().get("/users/{sub}/sessions", sub).then().body("$", hasSize(0));
    }

    @Test
    void backChannelLogoutEndsEverySessionOfTheKeycloakSession() {
        String sub = uniqueSub();
        String sid = "kc-" + java.util.UUID.randomUUID();
        String id = create(sub, sid).path("sessionId");
        bff().delete("/idp-sessions/{sid}", sid).then().statusCode(200).body("endedHandles", hasSize(1));
        bff(id).post("/sessions/lookup").then().statusCode(410).body("reason", equalTo("idp-logout"));
        bff().delete("/idp-sessions/{sid}", sid).then().statusCode(200).body("endedHandles", hasSize(0));
    }

    @Test
    void aTamperedCiphertextIsAnErrorNotGarbage() {
        String id = create(uniqueSub()).path("sessionId");
        String key = keys.slotOfSession(id).session(SessionIds.hash(id));
        String sealed = redis.hash(String.class).hget(key, "tokens");
        // One character in the middle of the ciphertext, never the last: its low bits may be padding a decoder drops,
        // and whether they are depends on the plaintext's length (a test that passed or failed by length).
        int middle = sealed.length() - (sealed.length() - sealed.indexOf('.')) / 2;
        char c = sealed.charAt(middle);
        redis.hash(String.class).hset(key, "tokens", sealed.substring(0, middle) + (c == 'A' ? 'B' : 'A') + sealed.substring(middle + 1));
        bff(id).post("/sessions/lookup").then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://bank.example/problems/session-store-integrity"));
    }

    @Test
    void invalidRequestsAreFieldLevelProblems() {
        bff().body(Map.of("sid", "x")).post("/sessions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("sub"))
                .body("errors.field", hasItem("tokens"));
        bff().body("{not json").post("/sessions").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aLogoutTokenIsUsedOnceAcrossReplicas() throws Exception {
        Map<String, Object> token = Map.of("jti", "jti-" + java.util.UUID.randomUUID(), "expiresAt", java.time.Instant.now().plusSeconds(120).toString());
        // Twenty replicas see the same token at once: exactly one may act on it.
        List<Integer> statuses = concurrently(20, i -> bff().body(token).post("/logout-tokens").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(19, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        bff().body(Map.of("jti", "x")).post("/logout-tokens").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void endingAllSessionsOfAUserRecordsTheRealReason() {
        String sub = uniqueSub();
        String id = create(sub).path("sessionId");
        bff().queryParam("reason", "idp-logout").delete("/users/{sub}/sessions", sub).then().statusCode(200);
        bff(id).post("/sessions/lookup").then().statusCode(410).body("reason", equalTo("idp-logout"));
        bff().queryParam("reason", "because").delete("/users/{sub}/sessions", sub).then().statusCode(400);
    }

    @Test
    void onlyTheBffWithScopeSessionsIsServed() {
        io.restassured.RestAssured.given().contentType("application/json").body("{}").post("/sessions").then().statusCode(401);
    }

    private static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<T>> calls = IntStream.range(0, n).<Callable<T>>mapToObj(i -> () -> call.apply(i)).toList();
            List<T> results = new java.util.ArrayList<>();
            for (Future<T> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
