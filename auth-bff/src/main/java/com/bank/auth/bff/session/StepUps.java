package com.bank.auth.bff.session;

import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.bank.auth.bff.client.SessionServiceClient;
import com.bank.auth.common.stepup.StepUpTokenVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

/**
 * Step-up state kept in the session (session-service, encrypted), in namespaces that never mix (DESIGN 5):
 * <ul>
 * <li>{@code payment/<Idempotency-Key>}: the payment that was refused for step-up, what it must be bound to, later
 * its step-up token;</li>
 * <li>{@code beneficiary/<Idempotency-Key>}: the same for trusting a beneficiary (DESIGN 5a);</li>
 * <li>{@code purpose/<admin|factor-change>}: session-wide approvals;</li>
 * <li>{@code challenge/<id>}: which request or purpose a challenge approves.</li>
 * </ul>
 * An Idempotency-Key can therefore never name an approval of another kind or a challenge link, whatever its text. A
 * token is handed out only for the purpose its {@code purpose} claim names. The SPA never chooses what a challenge is
 * bound to.
 */
@ApplicationScoped
public class StepUps {

    /** Step-ups that approve session-wide operations (not one request); each is kept under its purpose. */
    public static final Set<String> SESSION_PURPOSES = Set.of(StepUpTokenVerifier.ADMIN, StepUpTokenVerifier.FACTOR_CHANGE,
            StepUpTokenVerifier.LOGIN);

    /** Step-ups bound to one request by its Idempotency-Key, each purpose in a namespace of its own. */
    public static final Set<String> REQUEST_PURPOSES = Set.of(StepUpTokenVerifier.PAYMENT, StepUpTokenVerifier.BENEFICIARY);

    /** The binding fields payments-service names in its step-up-required problem, per request purpose. */
    private static final Map<String, List<String>> BINDING_FIELDS = Map.of(
            StepUpTokenVerifier.PAYMENT, List.of("amount", "currency", "creditorName", "creditorIban", "idempotencyKey"),
            StepUpTokenVerifier.BENEFICIARY, List.of("creditorName", "creditorIban", "idempotencyKey"));

    /** What a challenge approves: a request (by its purpose and key) or a session purpose. */
    public record Target(String purpose, String key) {

        static Target request(String purpose, String idempotencyKey) {
            return new Target(purpose, idempotencyKey);
        }

        static Target sessionPurpose(String purpose) {
            return new Target(purpose, purpose);
        }

        public static Target of(String purpose, String idempotencyKey) {
            return REQUEST_PURPOSES.contains(purpose) ? request(purpose, idempotencyKey) : sessionPurpose(purpose);
        }

        String namespace() {
            // The request purposes are their own namespaces ("payment", "beneficiary").
            return REQUEST_PURPOSES.contains(purpose) ? purpose : PURPOSES;
        }
    }

    private static final String PURPOSES = "purpose";
    private static final String CHALLENGES = "challenge";

    private final SessionServiceClient sessions;
    private final ObjectMapper json;

    StepUps(@RestClient SessionServiceClient sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /** Remembers a request of {@code purpose} ({@code payment} or {@code beneficiary}) refused for step-up, and its binding. */
    public void remember(String sessionId, String purpose, String idempotencyKey, String requestBody, String stepUpProblem) {
        try {
            ObjectNode entry = json.createObjectNode();
            JsonNode problem = json.readTree(stepUpProblem);
            ObjectNode binding = entry.putObject("binding");
            for (String field : BINDING_FIELDS.get(purpose)) {
                binding.put(field, problem.path(field).asText());
            }
            entry.put("request", requestBody);
            // Never over an approval: a parallel refusal of the same key (a double click) must not replace what the user
            // approved, or lose the approval (issue 23, item 9). session-service decides atomically.
            put(sessionId, Target.request(purpose, idempotencyKey).namespace(), idempotencyKey, entry, true);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("step-up problem is not JSON", e);
        }
    }

    /** The request of {@code purpose} waiting for approval under {@code idempotencyKey}, with its binding. */
    public Optional<ObjectNode> pendingRequest(String sessionId, String purpose, String idempotencyKey) {
        return entry(sessionId, Target.request(purpose, idempotencyKey).namespace(), idempotencyKey).filter(e -> e.has("binding"));
    }

    /** A request's approval and the request as it was when it was refused for step-up (what the user approved). */
    public record Approved(String stepUpToken, String request) {
    }

    /** The approval of the request of {@code purpose} under {@code idempotencyKey}, with that request; one read. */
    public Optional<Approved> approvedRequest(String sessionId, String purpose, String idempotencyKey) {
        Target target = Target.request(purpose, idempotencyKey);
        return entry(sessionId, target.namespace(), target.key())
                .flatMap(e -> tokenOf(e, target, false).map(token -> new Approved(token, e.path("request").asText(null))));
    }

    /** An unexpired session-wide approval for {@code purpose} ({@code admin} or {@code factor-change}). */
    public Optional<String> purposeToken(String sessionId, String purpose) {
        if (!SESSION_PURPOSES.contains(purpose)) {
            throw new IllegalArgumentException("not a session purpose: " + purpose);
        }
        return token(sessionId, Target.sessionPurpose(purpose), true);
    }

    /** Forgets a session-wide approval once it was used (mfa-service accepts each factor-change step-up once). */
    public void forgetPurpose(String sessionId, String purpose) {
        delete(sessionId, PURPOSES, purpose);
    }

    /** An entry gone with its session (404/410) is as deleted as it gets: nothing to refuse the caller for. */
    private void delete(String sessionId, String namespace, String key) {
        try {
            BffSessions.call(() -> {
                sessions.deleteStepUp(sessionId, namespace, key);
                return null;
            });
        } catch (BffSessions.SessionGone e) {
            // The session ended meanwhile: its step-ups went with it.
        }
    }

    /** Forgets a request's entry once its approval was used: the step-up is spent, and the store stays small. */
    public void forgetRequest(String sessionId, String purpose, String idempotencyKey) {
        delete(sessionId, Target.request(purpose, idempotencyKey).namespace(), idempotencyKey);
    }

    /** Forgets which target a challenge approves once it was verified (a challenge succeeds once). */
    public void unlinkChallenge(String sessionId, String challengeId) {
        delete(sessionId, CHALLENGES, challengeId);
    }

    /**
     * What a challenge approves: its target and, for a request, the request and binding as they were when the challenge
     * was made (what the user was shown). {@code approves} is null for a session purpose.
     */
    public record Link(Target target, ObjectNode approves) {
        public static Link of(Target target) {
            return new Link(target, null);
        }
    }

    /** Links a challenge to its target and, for a request, to the pending entry it was made from. */
    public void linkChallenge(String sessionId, String challengeId, Link link) {
        ObjectNode entry = json.createObjectNode().put("purpose", link.target().purpose()).put("key", link.target().key());
        if (link.approves() != null) {
            entry.set("approves", link.approves());
        }
        put(sessionId, CHALLENGES, challengeId, entry, false);
    }

    public Optional<Link> targetOfChallenge(String sessionId, String challengeId) {
        return entry(sessionId, CHALLENGES, challengeId)
                .filter(e -> StepUpTokenVerifier.PURPOSES.contains(e.path("purpose").asText()) && e.hasNonNull("key"))
                .map(e -> new Link(new Target(e.path("purpose").asText(), e.path("key").asText()),
                        e.get("approves") instanceof ObjectNode approves ? approves : null));
    }

    /**
     * Keeps the token mfa-service issued for a challenge under the challenge's target, with the request it approved: one
     * write, no read before it, so neither a parallel refusal nor a second approval can mix the two (issue 23, item 9).
     */
    public void storeToken(String sessionId, Link link, String stepUpToken) {
        ObjectNode entry = link.approves() == null ? json.createObjectNode() : link.approves().deepCopy();
        entry.put("stepUpToken", stepUpToken);
        put(sessionId, link.target().namespace(), link.target().key(), entry, false);
    }

    /**
     * The token under {@code target} if its {@code purpose} claim names the target's purpose (and, if asked, it has not
     * expired). mfa-service issued it to us over TLS and its audience verifies the signature; reading its claims here
     * only decides which request it may go with.
     */
    private Optional<String> token(String sessionId, Target target, boolean unexpiredOnly) {
        return entry(sessionId, target.namespace(), target.key()).flatMap(e -> tokenOf(e, target, unexpiredOnly));
    }

    private static Optional<String> tokenOf(ObjectNode entry, Target target, boolean unexpiredOnly) {
        return Optional.ofNullable(entry.path("stepUpToken").asText(null)).filter(token -> {
            try {
                JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
                boolean samePurpose = target.purpose().equals(claims.getStringClaim("purpose"));
                boolean unexpired = claims.getExpirationTime() != null && claims.getExpirationTime().toInstant().isAfter(Instant.now());
                return samePurpose && (unexpired || !unexpiredOnly);
            } catch (ParseException e) {
                return false;
            }
        });
    }

    private Optional<ObjectNode> entry(String sessionId, String namespace, String key) {
        try {
            return Optional.of(BffSessions.call(() -> sessions.getStepUp(sessionId, namespace, key)));
        } catch (BffSessions.SessionGone e) {
            // No such entry (or the session just ended): nothing is approved, nothing is bound.
            return Optional.empty();
        }
    }

    /** {@code keepApproved}: leave an entry that holds a step-up token as it is (session-service checks atomically). */
    private void put(String sessionId, String namespace, String key, ObjectNode entry, boolean keepApproved) {
        BffSessions.call(() -> {
            sessions.putStepUp(sessionId, namespace, key, keepApproved, entry);
            return null;
        });
    }
}
