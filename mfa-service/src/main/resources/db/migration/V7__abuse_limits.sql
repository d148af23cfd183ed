-- Abuse limits (DESIGN 8): texts per destination number and in all, enrolments started per user; indexes for the
-- window counts and for the purge job.
ALTER TABLE sms_sent ADD COLUMN destination_hash VARCHAR(64);
CREATE INDEX sms_sent_destination_time_idx ON sms_sent (destination_hash, sent_at);
CREATE INDEX sms_sent_time_idx ON sms_sent (sent_at);

-- Every enrolment started, kept for the window of the daily limit: cancelling a pending factor does not give it back.
CREATE TABLE enrolment_started (
    id          BIGSERIAL     PRIMARY KEY,
    sub         VARCHAR(255)  NOT NULL,
    started_at  TIMESTAMPTZ   NOT NULL
);
CREATE INDEX enrolment_started_sub_time_idx ON enrolment_started (sub, started_at);

CREATE INDEX challenge_sub_created_idx ON challenge (sub, created_at);
CREATE INDEX challenge_expiry_idx ON challenge (expires_at);
CREATE INDEX security_event_time_idx ON security_event (occurred_at);
