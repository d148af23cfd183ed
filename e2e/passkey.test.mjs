// Passkeys (issue 27) in Chromium with its virtual authenticator (CDP WebAuthn.*: CTAP2, internal, resident keys, user
// verification): a throw-away customer adds a passkey as the first factor with the activation letter, approves a
// 12,000.00 payment with it, and the test checks what the browser signed: a challenge that ends with SHA-256 of that
// payment's binding (DESIGN 5's canonical JSON, hashed here independently of the server). A second payment cannot
// reuse the assertion, and a passkey prompt that fails says so and approves nothing. A trusted payee and a new
// authenticator app are approved with the passkey too, and the app is then offered as the other way to approve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';

import {
  APP, activationCodeFromDemoLetters, assertAccessible, browserTest, recordCookies, shot, signIn, sql, textMatches, totp,
} from './support.mjs';

const t = browserTest('en-GB');
const byTestId = (id) => t.page.getByTestId(id);
let cdp;
let authenticatorId;

const b64urlDecode = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

/** The payment form, with the Idempotency-Key the app sent it under (the binding's last part). */
async function pay(name, iban, amount) {
  await byTestId('nav-payments').click();
  await byTestId('payment-creditor-name').fill(name);
  await byTestId('payment-creditor-iban').fill(iban);
  await byTestId('payment-amount').fill(amount);
  const sent = t.page.waitForRequest((r) => r.url().endsWith('/api/payments') && r.method() === 'POST');
  const challenge = t.page.waitForResponse((r) => r.url().endsWith('/bff/mfa/challenges') && r.request().method() === 'POST');
  await byTestId('payment-submit').click();
  const key = (await sent).headers()['idempotency-key'];
  const created = await (await challenge).json();
  await byTestId('step-up-dialog').waitFor();
  return { key, created };
}

test('a passkey added with the activation letter approves a 12,000.00 payment by signing that payment', async () => {
  cdp = await t.page.context().newCDPSession(t.page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true,
      automaticPresenceSimulation: true },
  }));

  await t.page.goto(APP + '/security');
  await signIn(t.page, t.user);
  await t.page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
  await recordCookies(t.page);
  await byTestId('mfa-activation-code').fill(await activationCodeFromDemoLetters(t.page));
  await byTestId('mfa-passkey-label').fill('Test laptop');
  await byTestId('mfa-enroll-passkey').click();
  await textMatches(t.page, 'mfa-message', /Your passkey is active\./);
  await textMatches(t.page, 'mfa-factor-list', /Passkey “Test laptop”\s*Active/);
  await assertAccessible(t.page, 'the security page with a passkey');
  await shot(t.page, 'security-passkey-390');
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1, 'one passkey on the authenticator');
  assert.equal(credentials[0].rpId, new URL(APP).hostname, 'bound to the web app\'s host');
  assert.ok(credentials[0].isResidentCredential, 'a discoverable credential (residentKey: preferred)');
  assert.equal(sql(`SELECT type || ' ' || status FROM mfa.factor WHERE sub = '${t.user.sub}'`), 'passkey active');

  const { key, created } = await pay('Autohaus Müller', 'DE12 5001 0517 0648 4898 90', '12000.00');
  assert.equal(created.type, 'passkey');
  await byTestId('step-up-passkey').waitFor();
  const title = (await t.page.locator('#step-up-title').textContent()).replace(/\s+/g, ' ').trim();
  assert.equal(title, 'Approve €12,000.00 to Autohaus Müller');
  await assertAccessible(t.page, 'the passkey approval dialog');
  await shot(t.page, 'approval-passkey-390');
  const verify = t.page.waitForRequest((r) => r.url().endsWith('/verify') && r.method() === 'POST');
  await byTestId('step-up-passkey').click();
  const assertion = JSON.parse((await verify).postData()).assertion;
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await textMatches(t.page, 'payment-result', /Booked/);

  // What the browser signed: clientDataJSON's challenge is 32 random bytes, then SHA-256 of the payment's binding.
  const clientData = JSON.parse(b64urlDecode(assertion.response.clientDataJSON).toString('utf8'));
  assert.equal(clientData.type, 'webauthn.get');
  assert.equal(clientData.origin, new URL(APP).origin);
  const signed = b64urlDecode(clientData.challenge);
  assert.equal(signed.length, 64);
  const binding = `{"amount":"12000.00","creditorIban":"DE12500105170648489890","currency":"EUR","idempotencyKey":"${key}"}`;
  assert.equal(signed.subarray(32).toString('hex'), createHash('sha256').update(binding, 'utf8').digest('hex'),
    'the signed challenge ends with the hash of exactly this payment');
  assert.equal(sql(`SELECT sca_method || ' ' || amount || ' ' || sca_amr FROM payments.payment WHERE owner_sub = '${t.user.sub}'`),
    'strong 12000.00 hwk user');
  assert.equal(sql(`SELECT txn = '${createHash('sha256').update(binding, 'utf8').digest('base64url')}' FROM mfa.passkey_approval `
    + `WHERE sub = '${t.user.sub}'`), 't', 'the evidence names the payment');
  await byTestId('payment-link').first().click();
  await textMatches(t.page, 'payment-detail-sca', /Approved with your passkey/);

  // A second payment: the first assertion, sent to its challenge, is refused (it signed another payment's hash).
  const second = await pay('Autohaus Müller', 'DE12 5001 0517 0648 4898 90', '12000.00');
  const replay = await t.page.evaluate(async ([id, body]) => {
    const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('__Host-bank-csrf=')).split('=')[1]);
    const r = await fetch(`/bff/mfa/challenges/${id}/verify`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify({ assertion: body }),
    });
    return { status: r.status, type: (await r.json()).type };
  }, [second.created.challengeId, assertion]);
  assert.deepEqual(replay, { status: 400, type: 'https://bank.example/problems/passkey-rejected' });
  assert.equal(sql(`SELECT count(*) FROM payments.payment WHERE owner_sub = '${t.user.sub}'`), '1', 'nothing more was booked');
  await byTestId('step-up-cancel').click();
});

test('a passkey prompt that fails approves nothing and says what happened', async () => {
  // The authenticator refuses user verification (a wrong fingerprint, a closed prompt): the browser rejects.
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
  try {
    await pay('Autohaus Müller', 'DE12 5001 0517 0648 4898 90', '12000.00');
    await byTestId('step-up-passkey').click();
    await textMatches(t.page, 'step-up-message', /The passkey prompt was closed or timed out\. Nothing was approved\./, 30_000);
    assert.equal(await byTestId('step-up-dialog').count(), 1, 'the dialog stays, to try again');
    assert.equal(sql(`SELECT count(*) FROM payments.payment WHERE owner_sub = '${t.user.sub}'`), '1');
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    await byTestId('step-up-passkey').click();
    await byTestId('step-up-dialog').waitFor({ state: 'detached' });
    await textMatches(t.page, 'payment-result', /Booked/);
  } finally {
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
  }
});

test('a trusted payee and a new authenticator app are approved with the passkey, which the app can then stand in for', async () => {
  await byTestId('nav-payees').click();
  await byTestId('payee-name').fill('Car Dealer');
  await byTestId('payee-iban').fill('DE89 3704 0044 0532 0130 00');
  await byTestId('payee-add').click();
  await byTestId('step-up-passkey').waitFor();
  assert.equal((await t.page.locator('#step-up-title').textContent()).replace(/\s+/g, ' ').trim(), 'Approve trusting Car Dealer');
  await byTestId('step-up-passkey').click();
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await textMatches(t.page, 'payee-message', /Car Dealer is a trusted payee now/);

  // A second factor is a factor change: the passkey approves it (DESIGN 5), then the app is confirmed with its code.
  await byTestId('nav-security').click();
  await byTestId('mfa-enroll-totp').click();
  await byTestId('step-up-passkey').waitFor();
  await textMatches(t.page, 'step-up-reason', /Approve adding a new authenticator app\./);
  await byTestId('step-up-passkey').click();
  await byTestId('mfa-qr').waitFor();
  const secret = (await byTestId('mfa-secret').textContent()).trim();
  await byTestId('mfa-confirm-code').fill(totp(secret, -1));
  await byTestId('mfa-confirm').click();
  await t.page.getByText('Your new factor is active.').waitFor();
  assert.equal(sql(`SELECT string_agg(type, ' ' ORDER BY type) FROM mfa.factor WHERE sub = '${t.user.sub}' AND status = 'active'`),
    'passkey totp');

  // The passkey is offered first; the app is one click away, with a challenge of its own for the same payment.
  await pay('Autohaus Müller', 'DE12 5001 0517 0648 4898 90', '12000.00');
  await byTestId('step-up-passkey').waitFor();
  await textMatches(t.page, 'step-up-switch', /Use your authenticator app instead/);
  await byTestId('step-up-switch').click();
  await byTestId('step-up-code').fill(totp(secret, 0));
  await byTestId('step-up-verify').click();
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await textMatches(t.page, 'payment-result', /Booked/);
  assert.equal(sql(`SELECT sca_amr FROM payments.payment WHERE owner_sub = '${t.user.sub}' ORDER BY created_at DESC LIMIT 1`), 'otp');
});
