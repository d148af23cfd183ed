package com.bank.auth.mfa.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.bank.auth.mfa.letters.LetterSender;
import com.bank.auth.mfa.letters.OutboxLetterSender;
import com.bank.auth.mfa.service.MfaProblems;

import io.quarkus.security.PermissionsAllowed;

/**
 * Local demo only: the activation letters the outbox "sent" to a user, newest first (DESIGN 9), for the web app's
 * "Show demo letters". With the production (http) sender this answers 404, as if it did not exist.
 */
@Path("/users/{sub}/letter-outbox")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed("mfa")
public class LetterOutboxResource {

    public record Letter(UUID letterId, Instant sentAt, String text, String activationCode) {
    }

    private final LetterSender sender;

    LetterOutboxResource(LetterSender sender) {
        this.sender = sender;
    }

    @GET
    public List<Letter> letters(@PathParam("sub") String sub) {
        if (!(sender instanceof OutboxLetterSender outbox)) {
            throw MfaProblems.notFound("resource");
        }
        return outbox.lettersFor(Subjects.required(sub)).stream()
                .map(l -> new Letter(l.letterId, l.sentAt, l.text, l.activationCode)).toList();
    }
}
