package com.bank.auth.mfa.sms;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local demo and tests: messages are kept in memory (the last 20 per user) so a demo user can read the code.
 * Never in production: {@code SmsSenderProducer} refuses it in the prod profile.
 */
public class OutboxSmsSender implements SmsSender {

    public record Message(String to, String text, Instant sentAt) {
    }

    private static final int KEEP = 20;
    private final Map<String, Deque<Message>> outbox = new ConcurrentHashMap<>();

    @Override
    public void send(String sub, String phoneNumber, String text) {
        Deque<Message> messages = outbox.computeIfAbsent(sub, k -> new ArrayDeque<>());
        synchronized (messages) {
            messages.addFirst(new Message(phoneNumber, text, Instant.now()));
            while (messages.size() > KEEP) {
                messages.removeLast();
            }
        }
    }

    /** Newest first. */
    public List<Message> messagesFor(String sub) {
        Deque<Message> messages = outbox.get(sub);
        if (messages == null) {
            return List.of();
        }
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
