-- Trusting a beneficiary needs SCA bound to it (DESIGN 5a, PSD2 RTS Art. 13): challenges of purpose 'beneficiary'.
ALTER TABLE challenge DROP CONSTRAINT challenge_purpose_check;
ALTER TABLE challenge ADD CONSTRAINT challenge_purpose_check
    CHECK (purpose IN ('payment', 'beneficiary', 'admin', 'factor-change'));
