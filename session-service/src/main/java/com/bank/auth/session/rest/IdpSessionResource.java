package com.bank.auth.session.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.bank.auth.session.model.EndedSessions;
import com.bank.auth.session.service.SessionService;

import io.quarkus.security.PermissionsAllowed;

/** Keycloak back-channel logout, relayed by the BFF: every session of that Keycloak session ends at once. */
@Path("/idp-sessions/{sid}")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed("sessions")
public class IdpSessionResource {

    private final SessionService sessions;

    IdpSessionResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @DELETE
    public EndedSessions end(@PathParam("sid") String sid) {
        return new EndedSessions(sessions.endIdpSession(sid));
    }
}
