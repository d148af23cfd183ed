-- Accounts and payments of payments-service (schema "payments"; DESIGN 1 and 9).
CREATE TABLE account (
    iban        VARCHAR(34)    PRIMARY KEY,
    owner_sub   VARCHAR(255)   NOT NULL,
    name        VARCHAR(100)   NOT NULL,
    currency    CHAR(3)        NOT NULL,
    balance     NUMERIC(19, 2) NOT NULL CHECK (balance >= 0),
    version     BIGINT         NOT NULL DEFAULT 0
);
CREATE INDEX account_owner_idx ON account (owner_sub);

CREATE TABLE payment (
    id               UUID           PRIMARY KEY,
    owner_sub        VARCHAR(255)   NOT NULL,
    debtor_iban      VARCHAR(34)    NOT NULL REFERENCES account (iban),
    creditor_name    VARCHAR(140)   NOT NULL,
    creditor_iban    VARCHAR(34)    NOT NULL,
    amount           NUMERIC(19, 2) NOT NULL CHECK (amount > 0),
    currency         CHAR(3)        NOT NULL,
    remittance       VARCHAR(140),
    status           VARCHAR(16)    NOT NULL,
    created_at       TIMESTAMPTZ    NOT NULL,
    idempotency_key  VARCHAR(128)   NOT NULL,
    request_hash     CHAR(64)       NOT NULL,
    step_up_jti      VARCHAR(255)   UNIQUE,
    CONSTRAINT payment_idempotency_uq UNIQUE (owner_sub, idempotency_key)
);
CREATE INDEX payment_owner_created_idx ON payment (owner_sub, created_at DESC);
CREATE INDEX payment_created_idx ON payment (created_at);
