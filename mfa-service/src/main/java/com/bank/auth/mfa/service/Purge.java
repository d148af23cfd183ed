package com.bank.auth.mfa.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.bank.auth.mfa.config.MfaConfig;

import io.quarkus.scheduler.Scheduled;

/**
 * The purge job (DESIGN 8): what has served its purpose goes on a schedule, never inside a customer's request.
 * Expired challenges, SMS records (and demo SMS) past the longest send window, pending factors past their expiry, enrolment starts
 * past the daily window, activation codes that were spent, voided or expired (and their demo letters), used
 * factor-change approvals past their lifetime, and security events past {@code mfa.security-events.retention}
 * (13 months). Each replica may run it: every statement is idempotent.
 */
@ApplicationScoped
public class Purge {

    private static final Logger LOG = Logger.getLogger(Purge.class);
    /** Ended challenges and codes are kept a little longer than needed, for a support call about "my code did not work". */
    private static final Duration GRACE = Duration.ofHours(1);

    private final EntityManager entityManager;
    private final MfaConfig config;

    Purge(EntityManager entityManager, MfaConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(every = "${mfa.retention.purge-every:10M}", delayed = "1M", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Map<String, Integer> purged = run(Instant.now());
        if (purged.values().stream().anyMatch(n -> n > 0)) {
            LOG.infof("purged %s", purged);
        }
    }

    /** One run as of {@code now}; how many rows of each kind went. */
    @Transactional
    public Map<String, Integer> run(Instant now) {
        Duration smsWindow = max(config.sms().rateWindow(), config.sms().numberWindow(), config.sms().globalWindow());
        Map<String, Integer> purged = new LinkedHashMap<>();
        purged.put("challenges", delete("DELETE FROM {h-schema}challenge WHERE expires_at < ?1", now.minus(GRACE)));
        purged.put("sms", delete("DELETE FROM {h-schema}sms_sent WHERE sent_at < ?1", now.minus(smsWindow)));
        purged.put("smsOutbox", delete("DELETE FROM {h-schema}sms_outbox WHERE sent_at < ?1", now.minus(smsWindow)));
        purged.put("pendingFactors", delete("DELETE FROM {h-schema}factor WHERE status = 'pending' AND pending_expires_at < ?1", now));
        purged.put("enrolments", delete("DELETE FROM {h-schema}enrolment_started WHERE started_at < ?1", now.minus(config.enrolment().window())));
        purged.put("letters", delete("DELETE FROM {h-schema}letter_outbox WHERE letter_id IN (SELECT id FROM {h-schema}activation_code "
                + "WHERE (status <> 'active' AND ended_at < ?1) OR expires_at < ?1)", now.minus(GRACE)));
        purged.put("activationCodes", delete("DELETE FROM {h-schema}activation_code WHERE (status <> 'active' AND ended_at < ?1) "
                + "OR expires_at < ?1", now.minus(GRACE)));
        purged.put("usedStepUps", delete("DELETE FROM {h-schema}used_step_up WHERE expires_at < ?1", now.minus(GRACE)));
        purged.put("securityEvents", delete("DELETE FROM {h-schema}security_event WHERE occurred_at < ?1",
                now.minus(config.securityEvents().retention())));
        purged.put("passkeyApprovals", delete("DELETE FROM {h-schema}passkey_approval WHERE approved_at < ?1",
                now.minus(config.passkey().evidenceRetention())));
        return purged;
    }

    private int delete(String sql, Instant before) {
        return entityManager.createNativeQuery(sql).setParameter(1, before).executeUpdate();
    }

    private static Duration max(Duration... durations) {
        Duration longest = Duration.ZERO;
        for (Duration d : durations) {
            longest = d.compareTo(longest) > 0 ? d : longest;
        }
        return longest;
    }
}
