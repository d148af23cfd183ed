-- Sign-in SCA when the last one is old (DESIGN 5a, PSD2 RTS Art. 10a): when each user last completed SCA (a verified
-- step-up of any purpose, or a factor confirmation), and step-ups of purpose 'login'.
CREATE TABLE user_sca (
    sub          VARCHAR(255)  PRIMARY KEY,
    last_sca_at  TIMESTAMPTZ   NOT NULL
);
INSERT INTO user_sca (sub, last_sca_at)
    SELECT sub, max(coalesce(last_used_at, confirmed_at)) FROM factor WHERE status = 'active' GROUP BY sub
    HAVING max(coalesce(last_used_at, confirmed_at)) IS NOT NULL;

ALTER TABLE challenge DROP CONSTRAINT challenge_purpose_check;
ALTER TABLE challenge ADD CONSTRAINT challenge_purpose_check
    CHECK (purpose IN ('payment', 'beneficiary', 'admin', 'factor-change', 'login'));
