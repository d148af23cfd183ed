package com.bank.auth.bff.session;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.bff.client.SessionServiceClient.SessionView;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The {@code Authorization} header an {@code /api} call sends upstream for this request's session: the session
 * required (401 if none), its sign-in SCA done (DESIGN 5a) and its access token refreshed if due. The one
 * implementation of that rule, for blocking and for non-blocking routes.
 *
 * <p>Why two ways: most reads find everything in memory (the near-cache holds the session, no SCA is pending, the token
 * is valid long enough: a due refresh runs beside the request), and then nothing here blocks, so a read is answered on the event loop without a hand-over to a
 * worker thread and back (issue 25, part 2: that hand-over and the blocking read of payments' answer were the BFF's
 * biggest costs). Anything else (a near-cache miss, a pending SCA, a refresh) may call session-service, mfa-service or
 * Keycloak, and runs on a worker, in this request's context, exactly as a blocking route does.
 */
@ApplicationScoped
public class SessionBearer {

    private final CurrentSession current;
    private final AccessTokens tokens;
    private final SignInSca signInSca;

    SessionBearer(CurrentSession current, AccessTokens tokens, SignInSca signInSca) {
        this.current = current;
        this.tokens = tokens;
        this.signInSca = signInSca;
    }

    /** For a blocking route: may call session-service, mfa-service and Keycloak. */
    public String require(SessionView session) {
        signInSca.require(current.sessionId(), session);
        return "Bearer " + tokens.accessToken(current.sessionId(), session);
    }

    /**
     * For a route on the event loop: at once when memory has all it takes, otherwise {@link #require(SessionView)} on a
     * worker thread (its answer, or its problem, comes back on this request's event loop).
     */
    public CompletionStage<String> requireNonBlocking() {
        Optional<String> held = fromMemory();
        if (held.isPresent()) {
            return CompletableFuture.completedStage(held.get());
        }
        Context context = Vertx.currentContext();
        // ordered=false: requests of one connection do not wait for each other's lookups.
        return context.<String>executeBlocking(() -> require(current.require()), false).toCompletionStage();
    }

    private Optional<String> fromMemory() {
        return current.fromMemory()
                .filter(session -> !session.loginScaPending())
                .flatMap(session -> tokens.withoutWaiting(current.sessionId(), session))
                .map(accessToken -> "Bearer " + accessToken);
    }
}
