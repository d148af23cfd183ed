-- The SCA policy of DESIGN 5a (PSD2 RTS 2018/389).
-- How each payment was authorised: 'strong' (a step-up, its jti and amr) or 'exempt' (which exemption).
-- Payments booked before this migration keep NULL and read as {"method":"unknown"}.
ALTER TABLE payment ADD COLUMN sca_method VARCHAR(16) CHECK (sca_method IN ('strong', 'exempt'));
ALTER TABLE payment ADD COLUMN sca_exemption VARCHAR(32)
    CHECK (sca_exemption IN ('own-account', 'trusted-beneficiary', 'low-value', 'below-threshold'));
ALTER TABLE payment ADD COLUMN sca_amr VARCHAR(64);

-- RTS Art. 16: low-value payments exempt since the account's last SCA-approved payment. Kept on the account row, which
-- every booking locks (SELECT ... FOR UPDATE) in the transaction of its debit: parallel payments can never together
-- pass the limits. A payment approved with SCA sets both back to zero.
ALTER TABLE account ADD COLUMN sca_exempt_count INT NOT NULL DEFAULT 0 CHECK (sca_exempt_count >= 0);
ALTER TABLE account ADD COLUMN sca_exempt_amount NUMERIC(19, 2) NOT NULL DEFAULT 0 CHECK (sca_exempt_amount >= 0);

-- RTS Art. 13: payees the customer trusts, added with SCA bound to them.
CREATE TABLE beneficiary (
    id               UUID          PRIMARY KEY,
    owner_sub        VARCHAR(255)  NOT NULL,
    name             VARCHAR(140)  NOT NULL,
    iban             VARCHAR(34)   NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    idempotency_key  VARCHAR(128)  NOT NULL,
    step_up_jti      VARCHAR(255)  NOT NULL,
    CONSTRAINT beneficiary_iban_uq UNIQUE (owner_sub, iban),
    CONSTRAINT beneficiary_idempotency_uq UNIQUE (owner_sub, idempotency_key)
);

-- Every step-up token payments-service accepted (payment, beneficiary, admin): each works once.
CREATE TABLE spent_step_up (
    jti       VARCHAR(255) PRIMARY KEY,
    purpose   VARCHAR(16)  NOT NULL,
    spent_at  TIMESTAMPTZ  NOT NULL
);
INSERT INTO spent_step_up (jti, purpose, spent_at)
    SELECT step_up_jti, 'payment', created_at FROM payment WHERE step_up_jti IS NOT NULL;
