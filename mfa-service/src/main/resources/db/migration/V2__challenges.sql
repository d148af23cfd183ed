-- TOTP parameters and SMS phone (encrypted) per factor; challenges bound to what they authorise;
-- the SMS send log for rate limiting (DESIGN 5).
ALTER TABLE factor ADD COLUMN totp_algorithm VARCHAR(8);
ALTER TABLE factor ADD COLUMN totp_digits INT;
ALTER TABLE factor ADD COLUMN totp_period INT;
ALTER TABLE factor ADD COLUMN phone_ciphertext TEXT;
ALTER TABLE factor ADD COLUMN pending_expires_at TIMESTAMPTZ;
ALTER TABLE factor ALTER COLUMN secret_ciphertext TYPE TEXT USING NULL;
ALTER TABLE factor DROP COLUMN secret_key_id;
-- A pending SMS factor's confirmation code (keyed hash), single use.
ALTER TABLE factor ADD COLUMN confirm_code_hash VARCHAR(64);

CREATE TABLE challenge (
    id                  UUID         PRIMARY KEY,
    sub                 VARCHAR(255) NOT NULL,
    factor_id           UUID         NOT NULL REFERENCES factor (id) ON DELETE CASCADE,
    purpose             VARCHAR(16)  NOT NULL CHECK (purpose IN ('payment', 'admin', 'factor-change')),
    txn                 VARCHAR(64),
    display_json        TEXT         NOT NULL,
    status              VARCHAR(16)  NOT NULL CHECK (status IN ('open', 'verified', 'dead')),
    attempts_remaining  INT          NOT NULL,
    sms_code_hash       VARCHAR(64),
    created_at          TIMESTAMPTZ  NOT NULL,
    expires_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX challenge_sub_idx ON challenge (sub);

CREATE TABLE sms_sent (
    id       BIGSERIAL    PRIMARY KEY,
    sub      VARCHAR(255) NOT NULL,
    sent_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX sms_sent_sub_time_idx ON sms_sent (sub, sent_at);
