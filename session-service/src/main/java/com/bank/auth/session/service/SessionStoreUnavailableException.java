package com.bank.auth.session.service;

/** Redis did not answer (or answered with an error): nothing may be assumed about the session. */
public class SessionStoreUnavailableException extends RuntimeException {

    public SessionStoreUnavailableException(Throwable cause) {
        super("session store unavailable", cause);
    }
}
