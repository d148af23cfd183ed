package com.bank.auth.session.rest;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.bank.auth.session.model.EndedSessions;
import com.bank.auth.session.model.SessionSummary;
import com.bank.auth.session.service.SessionService;

import io.quarkus.security.PermissionsAllowed;

/** A user's sessions: "my sessions", end one, end all others, end all (admin). */
@Path("/users/{sub}/sessions")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed("sessions")
public class UserSessionResource {

    private final SessionService sessions;

    UserSessionResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @GET
    public List<SessionSummary> list(@PathParam("sub") String sub) {
        return sessions.sessionsOf(sub);
    }

    /**
     * Ends all sessions of a user (but {@code except}), recording why: {@code ended-by-user} (the user, default),
     * {@code idp-logout} (Keycloak's back-channel logout by {@code sub}) or {@code ended-by-admin}.
     */
    @DELETE
    public EndedSessions endAll(@PathParam("sub") String sub, @QueryParam("except") String exceptHandle,
            @QueryParam("reason") @jakarta.validation.constraints.Pattern(regexp = "ended-by-user|idp-logout|ended-by-admin") String reason) {
        return new EndedSessions(sessions.endUserSessions(sub, null, exceptHandle, reason == null ? "ended-by-user" : reason));
    }

    @DELETE
    @Path("/{handle}")
    public EndedSessions endOne(@PathParam("sub") String sub, @PathParam("handle") String handle) {
        return new EndedSessions(sessions.endUserSessions(sub, handle, null, "ended-by-user"));
    }
}
