package com.bank.auth.mfa.letters;

/** The provider did not take the letter; its code is void and the back office gets a 503. */
public class LetterNotSentException extends RuntimeException {

    public LetterNotSentException(String message) {
        super(message, null, false, false);
    }
}
