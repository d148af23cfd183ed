package com.bank.auth.session.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.bank.auth.common.crypto.AesGcmKeyRing.TamperedCiphertextException;
import com.bank.auth.common.problem.Problem;
import com.bank.auth.session.service.SessionStoreUnavailableException;

/** Redis down or its data not ours: fail closed, say so clearly, never a success. */
public class StoreUnavailableMapper {

    private static final Logger LOG = Logger.getLogger(StoreUnavailableMapper.class);

    @ServerExceptionMapper(SessionStoreUnavailableException.class)
    public Response unavailable(SessionStoreUnavailableException e) {
        LOG.warnf("Session store unavailable: %s", e.getCause() == null ? "?" : e.getCause().getClass().getSimpleName());
        return Problem.of("session-store-unavailable", "Session store unavailable", 503,
                "Sessions cannot be checked right now; nothing was changed.")
                .toResponseBuilder().header("Retry-After", "1").build();
    }

    @ServerExceptionMapper(TamperedCiphertextException.class)
    public Response tampered() {
        return Problem.of("session-store-integrity", "Session data failed integrity check", 503,
                "Stored session data could not be authenticated; the session cannot be used.").toResponse();
    }
}
