package com.bank.auth.session.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.bank.auth.session.service.UserSessionsService;
import com.bank.auth.session.service.UserSessionsService.SessionSummary;

import io.quarkus.security.PermissionsAllowed;

/** A user's sessions, for the BFF's "my sessions" page. */
@Path("/users/{sub}/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class UserSessionResource {

    private final UserSessionsService sessions;

    UserSessionResource(UserSessionsService sessions) {
        this.sessions = sessions;
    }

    @GET
    @PermissionsAllowed("sessions")
    public List<SessionSummary> list(@PathParam("sub") String sub) {
        return sessions.sessionsOf(sub);
    }
}
