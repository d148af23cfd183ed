-- Activation letters (DESIGN 5, PSD2 RTS Art. 24): a user's first factor needs the one-time code of a letter the
-- bank's back office had sent. Codes are stored as a keyed hash only; at most one is active per user.
CREATE TABLE activation_code (
    id               UUID          PRIMARY KEY,
    sub              VARCHAR(255)  NOT NULL,
    code_hash        VARCHAR(64)   NOT NULL,
    status           VARCHAR(16)   NOT NULL CHECK (status IN ('active', 'voided', 'spent')),
    failed_attempts  INT           NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ   NOT NULL,
    expires_at       TIMESTAMPTZ   NOT NULL,
    ended_at         TIMESTAMPTZ
);
CREATE UNIQUE INDEX activation_code_one_active_uq ON activation_code (sub) WHERE status = 'active';
CREATE INDEX activation_code_expiry_idx ON activation_code (expires_at);

-- LOCAL DEMO ONLY: the letter outbox (mfa.letters.provider=outbox, refused outside dev/test/local). Empty in production.
CREATE TABLE letter_outbox (
    letter_id        UUID          PRIMARY KEY,
    sub              VARCHAR(255)  NOT NULL,
    sent_at          TIMESTAMPTZ   NOT NULL,
    text             TEXT          NOT NULL,
    activation_code  VARCHAR(16)   NOT NULL
);
CREATE INDEX letter_outbox_sub_idx ON letter_outbox (sub, sent_at DESC);

-- A first factor is approved by an activation code now, not by a recent login alone; the code it will spend.
ALTER TABLE factor DROP CONSTRAINT factor_approved_by_check;
ALTER TABLE factor ADD CONSTRAINT factor_approved_by_check CHECK (approved_by IN ('recent-login', 'activation-code', 'step-up'));
ALTER TABLE factor ADD COLUMN activation_code_id UUID;
-- Unconfirmed first factors approved by a login alone could otherwise still be confirmed without a letter.
DELETE FROM factor WHERE status = 'pending' AND approved_by = 'recent-login';
