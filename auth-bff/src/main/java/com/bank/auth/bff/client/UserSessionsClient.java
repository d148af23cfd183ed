package com.bank.auth.bff.client;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.bank.auth.bff.client.SessionServiceClient.EndedSessions;
import com.bank.auth.bff.client.SessionServiceClient.SessionSummary;

/** session-service's per-user and per-Keycloak-session operations ("my sessions", back-channel logout). */
@RegisterRestClient(configKey = "session-service")
@RegisterProvider(SessionsServiceTokens.class)
@Produces(MediaType.APPLICATION_JSON)
public interface UserSessionsClient {

    record RateLimitHit(String key, int limit, long windowMs) {
    }

    record RateLimitVerdict(boolean allowed, Long retryAfterMs) {
    }

    /** A counter every BFF replica shares (session-service's Redis): one more event of {@code name} for {@code key}. */
    @jakarta.ws.rs.POST
    @Path("/rate-limits/{name}")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    RateLimitVerdict rateLimit(@PathParam("name") String name, RateLimitHit hit);

    @GET
    @Path("/users/{sub}/sessions")
    List<SessionSummary> list(@PathParam("sub") String sub);

    @DELETE
    @Path("/users/{sub}/sessions")
    EndedSessions endAll(@PathParam("sub") String sub, @QueryParam("except") String exceptHandle);

    /** Ends every session of a user for a reason other than the user's own request ({@code idp-logout}). */
    @DELETE
    @Path("/users/{sub}/sessions")
    EndedSessions endAllFor(@PathParam("sub") String sub, @QueryParam("reason") String reason);

    /** The replay memory of logout tokens, shared by every replica: 201 the first time, 409 (an exception) for a replay. */
    @jakarta.ws.rs.POST
    @Path("/logout-tokens")
    @jakarta.ws.rs.Consumes(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
    void rememberLogoutToken(java.util.Map<String, Object> token);

    @DELETE
    @Path("/users/{sub}/sessions/{handle}")
    EndedSessions endOne(@PathParam("sub") String sub, @PathParam("handle") String handle);

    @DELETE
    @Path("/idp-sessions/{sid}")
    EndedSessions endIdpSession(@PathParam("sid") String sid);
}
