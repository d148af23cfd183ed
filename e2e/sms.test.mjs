// SMS step-up in a German browser: a phone as the first factor, confirmed and approved with codes from the suite's
// local SMS outbox (the SMS provider is a third party; locally its messages are kept for the demo user to read), and
// money typed the German way ("12.345,67"), shown the German way ("12.345,67 €").
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  APP, browserTest, activationCodeFromDemoLetters, recordCookies, assertAccessible, shot, signIn, sql, textMatches,
} from './support.mjs';

const t = browserTest('de-DE');
const byTestId = (id) => t.page.getByTestId(id);

/** The newest message in the demo outbox, as the button shows it; its six-digit code. */
async function codeFromOutbox(scope) {
  await scope.getByTestId('sms-outbox').click();
  await scope.getByTestId('sms-outbox-text').waitFor();
  const text = await scope.getByTestId('sms-outbox-text').textContent();
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  assert.ok(code, `a code in "${text}"`);
  return code;
}

test('a payment approved by a code sent by text message', async () => {
  await t.page.goto(APP + '/security');
  await signIn(t.page, t.user);
  await t.page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
  await recordCookies(t.page);

  // A phone as the first factor (a fresh sign-in and the letter's code), confirmed with the code it was sent.
  await byTestId('mfa-activation-code').fill((await activationCodeFromDemoLetters(t.page)).toLowerCase());
  // A number of this test's own: the per-number limit (10 texts a day) counts across runs on this machine.
  const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  await byTestId('mfa-sms-phone').fill(`+49 151 ${digits.slice(0, 4)} ${digits.slice(4)}`);
  await byTestId('mfa-enroll-sms').click();
  await byTestId('mfa-confirm-code').waitFor();
  await byTestId('mfa-confirm-code').fill(await codeFromOutbox(t.page));
  await byTestId('mfa-confirm').click();
  await t.page.getByText('Your new factor is active.').waitFor();

  await byTestId('nav-payments').click();
  await byTestId('payment-creditor-name').fill('Autohaus Müller');
  await byTestId('payment-creditor-iban').fill('de12 5001 0517 0648 4898 90');
  await byTestId('payment-amount').fill('12.345,67');
  await byTestId('payment-submit').click();
  await byTestId('step-up-dialog').waitFor();
  const title = (await t.page.locator('#step-up-title').textContent()).replace(/\s+/g, ' ').trim();
  assert.equal(title, 'Approve 12.345,67 € to Autohaus Müller');
  assert.match(await byTestId('step-up-dialog').textContent(), /DE12 5001 0517 0648 4898 90/);
  await assertAccessible(t.page, 'the SMS approval dialog');
  const dialog = byTestId('step-up-dialog');
  await byTestId('step-up-code').fill(await codeFromOutbox(dialog));
  await shot(t.page, 'approval-sms-390');
  await byTestId('step-up-verify').click();
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await textMatches(t.page, 'payment-result', /Booked/);
  await textMatches(t.page, 'payment-list', /12\.345,67\s€/);
  assert.equal(sql(`SELECT amount || ' ' || creditor_iban FROM payments.payment WHERE owner_sub = '${t.user.sub}'`),
    '12345.67 DE12500105170648489890');
  // The detail in German: the date as Germans write it.
  await byTestId('payment-link').first().click();
  await byTestId('payment-detail').waitFor();
  assert.match(await byTestId('payment-detail').textContent(), /\d{2}\.\d{2}\.20\d\d, \d\d:\d\d/);
});
