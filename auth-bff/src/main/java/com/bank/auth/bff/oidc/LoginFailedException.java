package com.bank.auth.bff.oidc;

/** The callback does not complete this browser's login; the reason is for the audit log, not the browser. */
public class LoginFailedException extends RuntimeException {

    public LoginFailedException(String reason) {
        super(reason, null, false, false);
    }
}
