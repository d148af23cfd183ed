// The SCA policy (DESIGN 5a, PSD2 RTS) as a customer meets it: small payments to a new payee go through without a
// code until the fifth, the sixth asks for approval and says why, a payee trusted with one approval is then paid
// 5,000.00 without one, and each payment's page says how it was authorised. Codes come from the secret the app shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  APP, browserTest, WIDTHS, assertAccessible, enrolFirstTotp, recordCookies, shot, signIn, sql, textMatches, totp,
} from './support.mjs';

const t = browserTest('en-GB');
let secret;
const byTestId = (id) => t.page.getByTestId(id);

/** One payment through the form, as the customer makes it. */
async function payThroughForm(name, iban, amount) {
  await byTestId('payment-creditor-name').fill(name);
  await byTestId('payment-creditor-iban').fill(iban);
  await byTestId('payment-amount').fill(amount);
  await byTestId('payment-submit').click();
}

/** The app's own API from inside the page (same origin, cookie, CSRF header). */
function payThroughApi(amount) {
  return t.page.evaluate(async ([amount, iban]) => {
    const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('__Host-bank-csrf=')).split('=')[1]);
    const r = await fetch('/api/payments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ debtorAccount: iban, creditor: { name: 'Corner Shop', iban: 'GB82WEST12345698765432' }, amount, currency: 'EUR', remittance: '' }),
    });
    return r.status;
  }, [amount, t.user.iban]);
}

const paymentsOf = () => sql(`SELECT count(*) FROM payments.payment WHERE owner_sub = '${t.user.sub}'`);

test('small payments to a new payee need no approval until the sixth, which asks and says why', async () => {
  await t.page.goto(APP + '/security');
  await signIn(t.page, t.user);
  await recordCookies(t.page);
  secret = await enrolFirstTotp(t.page);

  await byTestId('nav-payments').click();
  await byTestId('payment-creditor-iban').fill('GB82 WEST 1234 5698 7654 32');
  await textMatches(t.page, 'payment-sca-hint', /Payments to a new payee need your approval, except a few small ones/);
  await payThroughForm('Corner Shop', 'GB82 WEST 1234 5698 7654 32', '20.00');
  await textMatches(t.page, 'payment-result', /Booked/);
  assert.equal(await byTestId('step-up-dialog').count(), 0, 'a small payment needs no approval');
  for (let i = 2; i <= 5; i++) {
    assert.equal(await payThroughApi('10.00'), 201, `small payment ${i} needs no approval`);
  }
  assert.equal(paymentsOf(), '5');

  await payThroughForm('Corner Shop', 'GB82 WEST 1234 5698 7654 32', '5.00');
  await byTestId('step-up-dialog').waitFor();
  await textMatches(t.page, 'step-up-why', /You have made 5 small payments without approval\./);
  await textMatches(t.page, 'payment-result', /You have made 5 small payments without approval\./);
  assert.equal(paymentsOf(), '5', 'nothing booked before the approval');
  await assertAccessible(t.page, 'the approval of the sixth small payment');
  await byTestId('step-up-code').fill(totp(secret, 0));
  await byTestId('step-up-verify').click();
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await textMatches(t.page, 'payment-result', /Booked/);
  assert.equal(sql(`SELECT sca_method || ' ' || amount FROM payments.payment WHERE owner_sub = '${t.user.sub}' ORDER BY created_at DESC LIMIT 1`),
    'strong 5.00');

  await byTestId('payment-link').first().click();
  await textMatches(t.page, 'payment-detail-sca', /Approved with your authenticator app/);
  await t.page.goBack();
  await byTestId('payment-link').nth(1).click();
  await textMatches(t.page, 'payment-detail-sca', /No approval needed: small payment/);
});

test('a payee trusted with one approval is paid 5,000.00 without one, and removed without one', async () => {
  await byTestId('nav-payees').click();
  await byTestId('payee-list-empty').waitFor();
  await byTestId('payee-name').fill('Car Dealer');
  await byTestId('payee-iban').fill('de89 3704 0044 0532 0130 00');
  await byTestId('payee-add').click();
  await byTestId('step-up-dialog').waitFor();
  const name = await t.page.evaluate(() => {
    const d = document.querySelector('dialog');
    return document.getElementById(d.getAttribute('aria-labelledby'))?.textContent.replace(/\s+/g, ' ').trim();
  });
  assert.equal(name, 'Approve trusting Car Dealer');
  assert.equal((await byTestId('step-up-iban').textContent()).trim(), 'DE89 3704 0044 0532 0130 00');
  await assertAccessible(t.page, 'the approval of a trusted payee');
  for (const width of WIDTHS) {
    await t.page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await shot(t.page, `payee-approval-${width}`);
  }
  await byTestId('step-up-code').fill(totp(secret, 1));
  await byTestId('step-up-verify').click();
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await textMatches(t.page, 'payee-message', /Car Dealer is a trusted payee now/);
  await textMatches(t.page, 'payee-list', /Car Dealer/);
  await textMatches(t.page, 'payee-list', /DE89 3704 0044 0532 0130 00/);
  for (const width of WIDTHS) {
    await t.page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await assertAccessible(t.page, `trusted payees at ${width} px`);
    await shot(t.page, `payees-${width}`);
  }

  await byTestId('nav-payments').click();
  await byTestId('payment-creditor-iban').fill('DE89 3704 0044 0532 0130 00');
  await textMatches(t.page, 'payment-sca-hint', /Car Dealer is a trusted payee: no approval needed/);
  await payThroughForm('Car Dealer', 'DE89 3704 0044 0532 0130 00', '5000');
  await textMatches(t.page, 'payment-result', /Booked/);
  assert.equal(await byTestId('step-up-dialog').count(), 0, 'a trusted payee is paid without approval');
  assert.equal(sql(`SELECT sca_exemption || ' ' || amount FROM payments.payment WHERE owner_sub = '${t.user.sub}' AND creditor_name = 'Car Dealer'`),
    'trusted-beneficiary 5000.00');
  await byTestId('payment-link').first().click();
  await textMatches(t.page, 'payment-detail-sca', /No approval needed: trusted payee/);

  await byTestId('nav-payees').click();
  await byTestId('payee-remove').click();
  await textMatches(t.page, 'payee-message', /Car Dealer is no longer a trusted payee/);
  await byTestId('payee-list-empty').waitFor();
  assert.equal(sql(`SELECT count(*) FROM payments.beneficiary WHERE owner_sub = '${t.user.sub}'`), '0');
});
