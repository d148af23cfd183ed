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
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // The root cause's type and Redis' error code (ERR, CROSSSLOT, MOVED, NOSCRIPT…), never the rest of its text:
        // a Redis error may quote key names, and keys name users.
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        String code = message.isEmpty() ? "" : message.split("\\s+", 2)[0];
        LOG.warnf("Session store unavailable: %s %s", root.getClass().getSimpleName(), code.length() <= 24 ? code : code.substring(0, 24));
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
