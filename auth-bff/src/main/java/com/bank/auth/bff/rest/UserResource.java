package com.bank.auth.bff.rest;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.bank.auth.bff.client.SessionServiceClient.SessionView;
import com.bank.auth.bff.session.AccessTokens;
import com.bank.auth.bff.session.CurrentSession;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

/** Who is signed in, and keeping the session alive. */
@Path("/bff")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    public record SessionInfo(String handle, Instant idleExpiresAt, Instant absoluteExpiresAt) {
    }

    /** {@code loginScaRequired}: account data waits for a sign-in SCA (DESIGN 5a); the app asks "Confirm it's you" at once. */
    public record User(String sub, String name, String email, List<String> roles, String acr, Instant authTime, SessionInfo session,
            boolean loginScaRequired) {
    }

    private final CurrentSession current;
    private final AccessTokens tokens;

    UserResource(CurrentSession current, AccessTokens tokens) {
        this.current = current;
        this.tokens = tokens;
    }

    @GET
    @Path("/user")
    public User user() throws ParseException {
        SessionView session = current.require();
        // Tokens this BFF received from Keycloak over the back channel and verified at login: read, not re-verified.
        JWTClaimsSet id = JWTParser.parse(session.tokens().idToken()).getJWTClaimsSet();
        JWTClaimsSet access = JWTParser.parse(session.tokens().accessToken()).getJWTClaimsSet();
        Map<String, Object> realmAccess = access.getJSONObjectClaim("realm_access");
        @SuppressWarnings("unchecked")
        List<String> roles = realmAccess == null ? List.of()
                : ((List<Object>) realmAccess.getOrDefault("roles", List.of())).stream().map(String::valueOf)
                        .filter(r -> r.equals("USER") || r.equals("ADMIN")).toList();
        return new User(session.sub(), id.getStringClaim("name"), id.getStringClaim("email"), roles, session.acr(), session.authTime(),
                new SessionInfo(session.handle(), session.idleEndsAt(), session.absoluteExpiresAt()), session.loginScaPending());
    }

    @POST
    @Path("/session/keepalive")
    public Response keepalive() {
        // The lookup slid the idle timer; Keycloak's refresh token must last as long (refreshed here if not).
        SessionView session = tokens.keepAlive(current.sessionId(), current.require());
        current.renewed(session);
        return Response.ok(new SessionInfo(session.handle(), session.idleEndsAt(), session.absoluteExpiresAt())).build();
    }
}
