package com.bank.auth.mfa.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.bank.auth.common.audit.Audit;
import com.bank.auth.common.audit.AuditEvent;
import com.bank.auth.common.audit.Outcome;
import com.bank.auth.common.abuse.AbuseRefusal;
import com.bank.auth.common.problem.ProblemException;

/**
 * The refusals of DESIGN 8's abuse limits in mfa-service: bank-common's {@link AbuseRefusal} (429, Retry-After, a
 * metric) and, where money is at stake (text messages), an audit event.
 * The counts themselves are rows mfa-service writes anyway (challenges, texts sent, enrolments started), counted
 * under the user's lock in the transaction that would add one, so every replica sees the same numbers and none can
 * be raced past.
 */
@ApplicationScoped
public class AbuseLimits {

    /** Refuses with a 429; {@code oldest} is the oldest counted event in the window, when the next try will fit. */
    public ProblemException refuse(String limit, String sub, String detail, Instant oldest, Duration window) {
        if (limit.startsWith("sms-")) {
            Audit.event(AuditEvent.SMS_REFUSED, Outcome.FAILURE, sub, Map.of("limit", limit));
        }
        return AbuseRefusal.of(limit, detail, retryAfterSeconds(oldest, window, Instant.now()));
    }

    /** The global SMS cap was reached: an alarm for the operations team (toll fraud in progress, or a campaign). */
    public void alarm(String limit, long count) {
        Audit.event(AuditEvent.SMS_GLOBAL_LIMIT_REACHED, Outcome.FAILURE, null, Map.of("limit", limit, "sent", count));
    }

    static long retryAfterSeconds(Instant oldest, Duration window, Instant now) {
        long seconds = oldest == null ? window.toSeconds() : Duration.between(now, oldest.plus(window)).toSeconds() + 1;
        return Math.max(1, Math.min(seconds, window.toSeconds() + 1));
    }
}
