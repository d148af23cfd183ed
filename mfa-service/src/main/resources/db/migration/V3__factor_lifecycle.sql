-- Factor lifecycle (DESIGN 5): factor-change step-ups are used once; every factor change is a security event the
-- user sees; how a factor's enrolment was approved (a first factor by a recent login, any later one by a step-up).
CREATE TABLE used_step_up (
    jti         VARCHAR(64)  PRIMARY KEY,
    sub         VARCHAR(255) NOT NULL,
    purpose     VARCHAR(16)  NOT NULL,
    used_at     TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE security_event (
    id          BIGSERIAL    PRIMARY KEY,
    sub         VARCHAR(255) NOT NULL,
    type        VARCHAR(32)  NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    detail      VARCHAR(255)
);
CREATE INDEX security_event_sub_time_idx ON security_event (sub, occurred_at DESC);

ALTER TABLE factor ADD COLUMN approved_by VARCHAR(16) NOT NULL DEFAULT 'step-up'
    CHECK (approved_by IN ('recent-login', 'step-up'));
CREATE INDEX factor_pending_idx ON factor (pending_expires_at) WHERE status = 'pending';
