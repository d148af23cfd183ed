package com.bank.auth.bff.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.bank.auth.bff.client.MfaServiceClient;
import com.bank.auth.bff.client.SessionServiceClient.EndedSessions;
import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.client.UserSessionsClient;
import com.bank.auth.bff.session.BffSessions;
import com.bank.auth.bff.session.CurrentSession;

/** "My sessions": list them, end one, end all others. */
@Path("/bff/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionsResource {

    private static final Logger LOG = Logger.getLogger(SessionsResource.class);

    public record MySession(String handle, Instant createdAt, Instant lastSeenAt, long uses, String userAgent, boolean current) {
    }

    private final CurrentSession current;
    private final UserSessionsClient sessions;
    private final MfaServiceClient mfa;

    SessionsResource(CurrentSession current, @RestClient UserSessionsClient sessions, @RestClient MfaServiceClient mfa) {
        this.current = current;
        this.sessions = sessions;
        this.mfa = mfa;
    }

    @GET
    public List<MySession> list() {
        SessionView me = current.require();
        return BffSessions.call(() -> sessions.list(me.sub())).stream()
                .map(s -> new MySession(s.handle(), s.createdAt(), s.lastSeenAt(), s.uses(), s.userAgent(), s.handle().equals(me.handle())))
                .toList();
    }

    @DELETE
    @Path("/{handle}")
    public EndedSessions endOne(@PathParam("handle") String handle) {
        SessionView me = current.require();
        // session-service audits the ending (session-ended, with its reason); this trace links it to this request.
        return recorded(me, BffSessions.call(() -> sessions.endOne(me.sub(), handle)));
    }

    @DELETE
    public EndedSessions endOthers() {
        SessionView me = current.require();
        // session-service audits the ending (session-ended, with its reason); this trace links it to this request.
        return recorded(me, BffSessions.call(() -> sessions.endAll(me.sub(), me.handle())));
    }

    /**
     * Adds the ending to the user's security events (kept by mfa-service). The sessions are already ended; a failure to
     * record is logged, never turned into an error for what did happen.
     */
    private EndedSessions recorded(SessionView me, EndedSessions ended) {
        int count = ended.endedHandles() == null ? 0 : ended.endedHandles().size();
        if (count > 0) {
            try (Response answer = mfa.recordSecurityEvent(me.sub(), Map.of("type", "sessions-ended",
                    "detail", count == 1 ? "1 session ended by you" : count + " sessions ended by you"))) {
                if (answer.getStatus() != 201) {
                    LOG.warnf("security event not recorded sub=%s status=%d", me.sub(), answer.getStatus());
                }
            } catch (RuntimeException e) {
                LOG.warnf("security event not recorded sub=%s (%s)", me.sub(), e.getClass().getSimpleName());
            }
        }
        return ended;
    }
}
