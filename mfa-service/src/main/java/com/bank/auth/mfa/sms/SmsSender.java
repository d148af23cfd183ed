package com.bank.auth.mfa.sms;

/** Sends one text message. Implementations never log the text: it carries a code. */
public interface SmsSender {

    /** @param sub whom the message is for (the outbox files it under them) */
    void send(String sub, String phoneNumber, String text);
}
