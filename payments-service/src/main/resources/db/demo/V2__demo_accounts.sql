-- LOCAL DEMO DATA ONLY: Flyway reads db/demo only in the dev, test and local profiles (./suite runs "local"),
-- never in prod. Versions here are reserved for demo data: db/migration never uses V2.
-- Demo accounts for the demo users of keycloak/realm-bank.json (their fixed user ids), 1,000,000.00 EUR
-- each, so the local suite is usable at once. The IBANs are valid (mod 97) but fictitious.
INSERT INTO account (iban, owner_sub, name, currency, balance) VALUES
    ('DE89370400440532013000', '6f1c2a52-6d0b-4a3e-9f43-0a11ce000001', 'Alice current account', 'EUR', 1000000.00),
    ('DE12500105170648489890', '6f1c2a52-6d0b-4a3e-9f43-0b0b00000002', 'Bob current account',   'EUR', 1000000.00),
    ('DE77100100100123456789', '6f1c2a52-6d0b-4a3e-9f43-0ca401000003', 'Carol current account', 'EUR', 1000000.00);
