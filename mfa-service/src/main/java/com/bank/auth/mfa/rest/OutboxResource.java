package com.bank.auth.mfa.rest;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.bank.auth.mfa.service.MfaProblems;
import com.bank.auth.mfa.sms.OutboxSmsSender;
import com.bank.auth.mfa.sms.SmsSender;

import io.quarkus.security.PermissionsAllowed;

/**
 * Local demo only: the text messages the outbox "sent" to a user, newest first, so a demo user can finish an SMS
 * step-up. With the production (http) sender this answers 404, as if it did not exist.
 */
@Path("/sms-outbox/{sub}")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed("mfa")
public class OutboxResource {

    private final SmsSender sender;

    OutboxResource(SmsSender sender) {
        this.sender = sender;
    }

    @GET
    public List<OutboxSmsSender.Message> messages(@PathParam("sub") String sub) {
        if (!(sender instanceof OutboxSmsSender outbox)) {
            throw MfaProblems.notFound("resource");
        }
        return outbox.messagesFor(Subjects.required(sub));
    }
}
