package com.bank.auth.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.bank.auth.testing.ThrowAwayUser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The race of DESIGN 3 on the running chain: many requests across an access-token refresh while a step-up rotates the
 * session id. No request may get a 5xx, and the refreshed tokens must survive the rotation: the rotated session keeps
 * working through its next refresh (a lost or reused refresh token would end it at Keycloak).
 */
class RefreshRaceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ThrowAwayUser USER = new ThrowAwayUser();

    @Test
    void parallelCallsAcrossARefreshWhileAStepUpRotatesTheSession() throws Exception {
        Browser app = new Browser();
        app.signIn(USER.get().username(), USER.get().password(), "/");
        byte[] secret = FirstFactor.activeTotp(app, USER.get(), "Race phone");
        String challengeId = json(app.postAsApp("/bff/mfa/challenges", "{\"purpose\":\"admin\"}"), 201).path("challengeId").asText();

        Suite.waitUntilAFreshAccessTokenNeedsRefreshing();
        String code = AuthenticatorApp.code(secret, 0);
        String csrf = app.cookies.get("__Host-bank-csrf");
        ExecutorService pool = Executors.newFixedThreadPool(21);
        List<String> statuses = new ArrayList<>();
        HttpResponse<String> verified;
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>(IntStream.range(0, 20)
                    .<Callable<HttpResponse<String>>>mapToObj(i -> () -> app.get("/api/accounts")).toList());
            calls.add(10, () -> app.post("/bff/mfa/challenges/" + challengeId + "/verify",
                    Map.of("Origin", Suite.BFF, "X-CSRF-Token", csrf), "{\"code\":\"" + code + "\"}"));
            List<Future<HttpResponse<String>>> answers = pool.invokeAll(calls);
            verified = answers.get(10).get();
            for (int i = 0; i < answers.size(); i++) {
                if (i != 10) {
                    HttpResponse<String> answer = answers.get(i).get();
                    statuses.add(answer.statusCode() + (answer.statusCode() == 401 ? " " + answer.body() : ""));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, verified.statusCode(), verified.body());
        // The old id ends with the rotation: a call that came with it after is told to send again (401 session-renewed,
        // which the app does once), never that the session ended, never a 5xx (issue 23, item 5).
        assertTrue(statuses.stream().allMatch(s -> s.equals("200") || (s.startsWith("401 ") && s.contains("/problems/session-renewed"))),
                statuses.toString());

        // The rotated session (the browser keeps the new cookie) works now and through its next refresh.
        assertEquals(200, app.get("/bff/user").statusCode());
        assertEquals(200, app.get("/api/accounts").statusCode());
        Suite.waitUntilAFreshAccessTokenNeedsRefreshing();
        HttpResponse<String> afterNextRefresh = app.get("/api/accounts");
        assertEquals(200, afterNextRefresh.statusCode(), "the refreshed tokens were kept: " + afterNextRefresh.body());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
