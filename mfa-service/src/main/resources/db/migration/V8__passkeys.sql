-- Passkeys (WebAuthn) as a step-up factor (issue 27). Nothing here is secret: a passkey's private key never leaves
-- the user's authenticator; the server keeps the public key, the sign count and what the browser reported.
ALTER TABLE factor DROP CONSTRAINT factor_type_check;
ALTER TABLE factor ADD CONSTRAINT factor_type_check CHECK (type IN ('totp', 'sms', 'passkey'));
-- A pending passkey's registration challenge (base64url, 32 random bytes); cleared when it is confirmed.
ALTER TABLE factor ADD COLUMN registration_challenge VARCHAR(64);
-- The credential id (base64url), unique across all users (WebAuthn L3 7.1 step 26).
ALTER TABLE factor ADD COLUMN credential_id VARCHAR(1400);
CREATE UNIQUE INDEX factor_credential_id_idx ON factor (credential_id) WHERE credential_id IS NOT NULL;
-- WebAuthn's attested credential data (base64url: AAGUID, credential id, COSE public key), as registered.
ALTER TABLE factor ADD COLUMN attested_credential TEXT;
ALTER TABLE factor ADD COLUMN aaguid UUID;
ALTER TABLE factor ADD COLUMN sign_count BIGINT;
ALTER TABLE factor ADD COLUMN transports VARCHAR(128);
ALTER TABLE factor ADD COLUMN backup_eligible BOOLEAN;
ALTER TABLE factor ADD COLUMN backup_state BOOLEAN;

-- The user handle WebAuthn names the user by: random, one per user, never the sub (it is stored on the authenticator).
CREATE TABLE passkey_user (
    sub          VARCHAR(255)  PRIMARY KEY,
    user_handle  VARCHAR(64)   NOT NULL UNIQUE
);

-- A passkey challenge: base64url of 64 bytes, 32 random then SHA-256 of what it approves (the payment's binding).
ALTER TABLE challenge ADD COLUMN webauthn_challenge VARCHAR(96);
-- The canonical JSON those last 32 bytes hash: a payment's or beneficiary's binding, or {"challengeId":…,"purpose":…}.
ALTER TABLE challenge ADD COLUMN signed_text TEXT;

-- The evidence of each passkey approval, kept after its challenge is purged: the signed bytes exactly as the
-- authenticator and the browser produced them, the public key that verifies them, and what was approved. Anyone with
-- this row and the payment can check what the customer signed (README, "What a passkey signs").
CREATE TABLE passkey_approval (
    challenge_id        UUID          PRIMARY KEY,
    sub                 VARCHAR(255)  NOT NULL,
    factor_id           UUID          NOT NULL,
    purpose             VARCHAR(16)   NOT NULL,
    txn                 VARCHAR(64),
    signed_text         TEXT          NOT NULL,
    webauthn_challenge  VARCHAR(96)   NOT NULL,
    credential_id       VARCHAR(1400) NOT NULL,
    public_key_cose     TEXT          NOT NULL,
    authenticator_data  TEXT          NOT NULL,
    client_data_json    TEXT          NOT NULL,
    signature           TEXT          NOT NULL,
    assertion_hash      VARCHAR(64)   NOT NULL,
    step_up_jti         VARCHAR(64)   NOT NULL,
    approved_at         TIMESTAMPTZ   NOT NULL
);
CREATE INDEX passkey_approval_sub_idx ON passkey_approval (sub, approved_at);
CREATE INDEX passkey_approval_jti_idx ON passkey_approval (step_up_jti);
CREATE INDEX passkey_approval_time_idx ON passkey_approval (approved_at);
