// Sign-in SCA when the last one is old (DESIGN 5a, PSD2 RTS Art. 10a): a throw-away customer whose last strong
// authentication is set 91 days back (past bff.sca.login-max-age, 90 days) signs in with the password alone and sees
// "Confirm it's you" before any account data; the BFF answers /api/** with 401 step-up-required (purpose login) until
// a code from their factor confirms it. Right after that, a new sign-in asks for nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { APP, browserTest, assertAccessible, enrolFirstTotp, recordCookies, shot, signIn, sql, textMatches, totp } from './support.mjs';

const t = browserTest('en-GB');
const byTestId = (id) => t.page.getByTestId(id);

async function signOut() {
  await byTestId('logout-button').click();
  await textMatches(t.page, 'signed-out-reason', /You have signed out/);
}

const accountsStatus = () => t.page.evaluate(async () => {
  const r = await fetch('/api/accounts', { headers: { Accept: 'application/json' } });
  return { status: r.status, body: await r.json() };
});

test('an old last SCA asks "Confirm it\'s you" after the password, and nothing is shown before it', async () => {
  await t.page.goto(APP + '/security');
  await signIn(t.page, t.user);
  await recordCookies(t.page);
  const secret = await enrolFirstTotp(t.page);
  await signOut();

  // 91 days since the last SCA: past the 90 days of bff.sca.login-max-age.
  sql(`UPDATE mfa.user_sca SET last_sca_at = now() - interval '91 days' WHERE sub = '${t.user.sub}'`);
  await signIn(t.page, t.user);
  await byTestId('login-sca').waitFor();
  await t.page.getByRole('heading', { name: "Confirm it's you", level: 1 }).waitFor();
  await byTestId('step-up-dialog').waitFor();
  assert.equal(await byTestId('account-balance').count(), 0, 'no account data behind the dialog');
  const blocked = await accountsStatus();
  assert.equal(blocked.status, 401);
  assert.equal(blocked.body.purpose, 'login');
  assert.match(blocked.body.type, /step-up-required$/);
  await assertAccessible(t.page, 'the sign-in confirmation');
  await shot(t.page, 'confirm-login-1280');

  await byTestId('step-up-code').fill(totp(secret, 0));
  await byTestId('step-up-verify').click();
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await byTestId('account-balance').waitFor();
  assert.equal((await accountsStatus()).status, 200, 'account data once confirmed');

  // Confirmed just now: the next sign-in needs the password only.
  await signOut();
  await signIn(t.page, t.user);
  await byTestId('account-balance').waitFor();
  assert.equal(await byTestId('login-sca').count(), 0);
});
