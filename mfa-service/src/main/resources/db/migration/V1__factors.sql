-- Second factors of mfa-service (schema "mfa"; DESIGN 5). Secrets are AES-256-GCM ciphertexts.
CREATE TABLE factor (
    id                    UUID         PRIMARY KEY,
    sub                   VARCHAR(255) NOT NULL,
    type                  VARCHAR(8)   NOT NULL CHECK (type IN ('totp', 'sms')),
    label                 VARCHAR(64)  NOT NULL,
    status                VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'active')),
    created_at            TIMESTAMPTZ  NOT NULL,
    confirmed_at          TIMESTAMPTZ,
    last_used_at          TIMESTAMPTZ,
    secret_ciphertext     BYTEA,
    secret_key_id         VARCHAR(64),
    phone_masked          VARCHAR(32),
    last_accepted_step    BIGINT,
    consecutive_failures  INT          NOT NULL DEFAULT 0,
    locked_until          TIMESTAMPTZ
);
CREATE INDEX factor_sub_idx ON factor (sub);
