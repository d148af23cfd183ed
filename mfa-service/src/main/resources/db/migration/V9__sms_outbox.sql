-- LOCAL DEMO ONLY: the SMS outbox (mfa.sms.provider=outbox, refused outside dev/test/local). Empty in production.
-- In the database, not in a replica's memory: behind a round-robin the demo's "Show demo SMS" (and a test reading a
-- code) may ask another replica than the one that sent the message.
CREATE TABLE sms_outbox (
    id            UUID          PRIMARY KEY,
    sub           VARCHAR(255)  NOT NULL,
    to_number     VARCHAR(32)   NOT NULL,
    text          TEXT          NOT NULL,
    sent_at       TIMESTAMPTZ   NOT NULL
);
CREATE INDEX sms_outbox_sub_idx ON sms_outbox (sub, sent_at DESC);
