package com.bank.auth.mfa.letters;

/** Sends one activation letter. Implementations never log the letter: it carries a code. */
public interface LetterSender {

    /**
     * @param letterId the letter's id (the provider's reference, and the outbox's)
     * @param sub whom the letter is for: the provider resolves the postal address from the bank's customer records
     * @param text the letter's text, the code in it
     * @param activationCode the code as printed (the outbox keeps it for the demo's "Show demo letters")
     */
    void send(java.util.UUID letterId, String sub, String text, String activationCode);
}
