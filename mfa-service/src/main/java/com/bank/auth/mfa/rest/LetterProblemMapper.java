package com.bank.auth.mfa.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.bank.auth.mfa.letters.LetterNotSentException;
import com.bank.auth.mfa.service.MfaProblems;

/** The letter provider did not take the letter: 503 with Retry-After; its code was voided again. */
public class LetterProblemMapper {

    private static final Logger LOG = Logger.getLogger(LetterProblemMapper.class);

    @ServerExceptionMapper(LetterNotSentException.class)
    public Response notSent(LetterNotSentException e) {
        LOG.warnf("Activation letter not sent: %s", e.getMessage());
        return MfaProblems.letterNotSent().toResponse();
    }
}
