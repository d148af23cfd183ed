// The session timer as the customer sees it, with a short idle timeout: ./suite test runs this file against a
// session-service started with BANK_SESSIONS_IDLE_TIMEOUT (the idle test profile, 75 s; production is 5 min). The
// warning comes 60 s before the end; API calls and "Stay signed in" move it; the end lands on the landing page with
// the reason, and signing in again returns to the page the customer was on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { APP, recordCookies, WIDTHS, assertAccessible, createUser, launch, newPage, shot, signIn, textMatches } from './support.mjs';

const IDLE_SECONDS = Number(process.env.BANK_E2E_IDLE_SECONDS ?? 75);
let browser;
let page;
let user;
const byTestId = (id) => page.getByTestId(id);
const secondsLeft = async () => Number((await byTestId('session-seconds-left').textContent()).match(/\d+/)[0]);

before(async () => {
  assert.ok(IDLE_SECONDS > 60 && IDLE_SECONDS <= 120, 'the idle profile needs a timeout just above the 60 s warning');
  browser = await launch();
  page = await newPage(browser, { locale: 'en-GB' });
  user = await createUser();
});

after(async () => {
  await browser?.close();
  await user?.remove();
});

test('the idle warning follows API calls and "Stay signed in", and the end of the session is explained', { timeout: 6 * 60_000 }, async () => {
  await page.goto(APP + '/payments');
  await signIn(page, user);
  await byTestId('payment-list-empty').waitFor();
  await recordCookies(page);
  const header = await page.evaluate(async () => (await fetch('/api/accounts')).headers.get('Bank-Session-Expires-In'));
  const idle = Number(/idle=(\d+)/.exec(header)?.[1]);
  assert.ok(idle > 60 && idle <= IDLE_SECONDS, `the idle test profile is on: ${header}`);

  // No warning until 60 s are left; then one, with the time left.
  assert.equal(await byTestId('session-expiry-warning').count(), 0);
  await byTestId('session-expiry-warning').waitFor({ timeout: (IDLE_SECONDS - 60 + 10) * 1000 });
  assert.ok(await secondsLeft() <= 60);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await assertAccessible(page, `the idle warning at ${width} px`);
    await shot(page, `idle-warning-${width}`);
  }
  await page.setViewportSize({ width: 390, height: 844 });

  // Any API call slides the timer in session-service, and its answer moves the countdown: the warning goes.
  await byTestId('nav-home').click();
  await byTestId('account-balance').waitFor();
  await byTestId('session-expiry-warning').waitFor({ state: 'detached', timeout: 5000 });

  // Warned again; "Stay signed in" slides it too.
  await byTestId('session-expiry-warning').waitFor({ timeout: (IDLE_SECONDS - 60 + 10) * 1000 });
  await byTestId('stay-signed-in').click();
  await byTestId('session-expiry-warning').waitFor({ state: 'detached', timeout: 5000 });
  await byTestId('nav-security').click();
  await byTestId('security-events').waitFor();

  // Then nothing: the warning comes back and, at zero, the landing page says why.
  const sessionCookie = (await page.context().cookies()).find((c) => c.name === '__Host-bank-session').value;
  await byTestId('session-expiry-warning').waitFor({ timeout: (IDLE_SECONDS - 60 + 10) * 1000 });
  // At zero the app ends the session at the server as well (it may have had part of a second left).
  const loggedOut = page.waitForResponse((r) => r.url().endsWith('/bff/logout'), { timeout: 75_000 });
  await textMatches(page, 'signed-out-reason', /signed out after a period of inactivity/, 75_000);
  assert.equal((await loggedOut).status(), 200);
  assert.equal(new URL(page.url()).search, '?reason=idle&returnTo=%2Fsecurity');
  // The server agrees: the session the browser had is gone, whoever still holds its cookie.
  const user401 = await fetch(APP + '/bff/user', { headers: { Cookie: `__Host-bank-session=${sessionCookie}` } });
  assert.equal(user401.status, 401);
  await shot(page, 'idle-signed-out-390');

  // Signing in again returns to the page the customer was on. The app ended Keycloak's session with the BFF's, so
  // Keycloak asks for the password again.
  await page.getByTestId('login-button').click();
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.locator('#kc-login').click();
  await byTestId('security-events').waitFor();
  assert.equal(new URL(page.url()).pathname, '/security');
});
