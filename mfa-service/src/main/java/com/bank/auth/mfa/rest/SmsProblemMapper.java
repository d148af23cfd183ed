package com.bank.auth.mfa.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.bank.auth.common.problem.Problem;
import com.bank.auth.mfa.sms.SmsNotSentException;

/** The SMS provider did not take the message (down, too slow, refused): 503 with Retry-After, and nothing was created. */
public class SmsProblemMapper {

    private static final Logger LOG = Logger.getLogger(SmsProblemMapper.class);

    @ServerExceptionMapper(SmsNotSentException.class)
    public Response notSent(SmsNotSentException e) {
        LOG.warnf("SMS not sent: %s", e.getMessage());
        return Problem.of("sms-unavailable", "Text message not sent", 503, "We could not send the text message; please try again shortly.")
                .toResponseBuilder().header("Retry-After", "5").build();
    }
}
