package com.bank.auth.mfa.sms;

/** The provider did not take the message; the caller answers 503 and creates nothing. */
public class SmsNotSentException extends RuntimeException {

    public SmsNotSentException(String message) {
        super(message, null, false, false);
    }
}
