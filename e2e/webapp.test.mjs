// The web app in a real headless Chromium (Debian's), against the suite as ./suite test runs it: real URLs and the back
// button, formatting for people, the approval dialog by keyboard, history and detail with their states, SMS step-up,
// axe-core on every page, and screenshots of every page at 390 px and 1280 px (e2e/screenshots/).
// Codes are computed here from the secret the app shows (RFC 6238), as an authenticator app would.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import {
  APP, JWT, SHOTS, WIDTHS, admin, assertAccessible, createUser, enrolFirstTotp, launch, newPage, recordCookies, shot, signIn, sql, textMatches,
  totp,
} from './support.mjs';

let browser;
let page;
let user;
let secret;
// Everything the SPA sees: every URL it visits or calls, and every answer of our origin. None may hold a JWT.
const seen = [];
const byTestId = (id) => page.getByTestId(id);
const path = () => new URL(page.url()).pathname + new URL(page.url()).search;

before(async () => {
  browser = await launch();
  // A fixed locale and time zone, so what the app formats is known here.
  page = await newPage(browser, { locale: 'en-GB', timezoneId: 'Europe/Berlin' });
  user = await createUser();
});

// What the page showed when each test ended (a failed one above all).
afterEach(async (t) => {
  if (page && !page.isClosed()) await shot(page, `end-of-${t.name.slice(0, 40).replace(/[^a-z0-9]+/gi, '-')}`);
});

after(async () => {
  await browser?.close();
  await user?.remove();
});

/** The app's own API from inside the page (same origin, session cookie, CSRF header), as the app calls it. */
function pay(amount, name) {
  return page.evaluate(async ([amount, name, iban]) => {
    const csrf = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('__Host-bank-csrf=')).split('=')[1]);
    const r = await fetch('/api/payments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ debtorAccount: iban, creditor: { name, iban: 'GB82WEST12345698765432' }, amount, currency: 'EUR', remittance: '' }),
    });
    return r.status;
  }, [amount, name, user.iban]);
}

test('a deep link signed out shows the landing page, and signing in returns to that page', async () => {
  page.on('request', (r) => seen.push(`URL ${r.url()}`));
  page.on('response', async (r) => {
    if (r.url().startsWith(APP)) {
      seen.push(`HEADERS ${r.url()} ${JSON.stringify(await r.allHeaders())}`);
      try { seen.push(`BODY ${r.url()} ${await r.text()}`); } catch { /* a redirect has no body */ }
    }
  });

  await page.goto(APP + '/security');
  await byTestId('login-button').waitFor();
  assert.equal(path(), '/?returnTo=%2Fsecurity', 'the landing page remembers where the user wanted to go');
  await signIn(page, user);
  await page.getByRole('heading', { name: 'Security', level: 1 }).waitFor();
  assert.equal(path(), '/security');
  assert.equal(await byTestId('nav-security').getAttribute('aria-current'), 'page');
  await recordCookies(page);

  const readable = await page.evaluate(() => ({ cookie: document.cookie, local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }));
  assert.ok(!readable.cookie.includes('__Host-bank-session'), 'the session cookie is not readable by JavaScript');
  assert.ok(readable.cookie.includes('__Host-bank-csrf'), 'the CSRF cookie is (the app echoes it)');
  assert.ok(!JWT.test(readable.cookie + readable.local + readable.session), 'no token anywhere JS can read');
  assert.equal(readable.local, '{}');
  assert.equal(readable.session, '{}');
  assert.deepEqual(seen.filter((line) => JWT.test(line)), [], 'no URL, header or body the SPA saw holds a JWT');

  // The first factor needs the fresh sign-in and the code of the letter the bank sent: without it, nothing is bound.
  await byTestId('mfa-activation-code').waitFor();
  assert.match(await page.locator('label[for="activation-code"]').textContent(), /Enter the activation code from the letter we sent you/);
  await byTestId('mfa-enroll-totp').click();
  await textMatches(page, 'mfa-message', /Enter the activation code from the letter we sent you/);
  assert.equal(await byTestId('mfa-qr').count(), 0, 'no enrolment without the code');
  await assertAccessible(page, 'the security page asking for the activation code');
  secret = await enrolFirstTotp(page);
  await textMatches(page, 'mfa-factor-list', /Active/);
  assert.equal(await byTestId('mfa-activation-code').count(), 0, 'once a factor is active, no code is asked for');
});

test('money, IBANs and dates are formatted for people; what people paste is sent canonically', async () => {
  await byTestId('nav-home').click();
  assert.equal(path(), '/');
  await textMatches(page, 'account-balance', /€1,000,000\.00/);
  assert.match(await byTestId('account-iban').textContent(), /^DE\d{2} 3704 0044 \d{4} \d{4} \d{2}$/);

  // Corner Shop is a payee this customer already trusts (as a bank's migration of existing payees would set it up), so
  // this test and the history below pay it without approvals; sca.test.mjs trusts a payee through the app itself.
  sql(`INSERT INTO payments.beneficiary (id, owner_sub, name, iban, created_at, idempotency_key, step_up_jti)
       VALUES (gen_random_uuid(), '${user.sub}', 'Corner Shop', 'GB82WEST12345698765432', now(), 'setup-${user.sub}', 'setup-${user.sub}')`);
  await byTestId('nav-payments').click();
  await byTestId('payment-creditor-name').fill('Corner Shop');
  await byTestId('payment-creditor-iban').fill(' gb82 west 1234 5698 7654 32 ');
  await byTestId('payment-amount').fill('1,234.5');
  await byTestId('payment-remittance').fill('Groceries');
  await byTestId('payment-submit').click();
  await textMatches(page, 'payment-result', /Booked/);
  await textMatches(page, 'payment-list', /Corner Shop/);
  const shown = await byTestId('payment-list').locator('li').first().textContent();
  assert.match(shown, /€1,234\.50/);
  assert.match(shown, /GB82 WEST 1234 5698 7654 32/);
  assert.match(shown, /\d{1,2} [A-Z][a-z]{2} 20\d\d, \d\d:\d\d/, 'a date and time in the user\'s locale');
  assert.equal(sql(`SELECT amount || ' ' || creditor_iban FROM payments.payment WHERE owner_sub = '${user.sub}'`),
    '1234.50 GB82WEST12345698765432', 'the canonical amount and IBAN were sent');

  // Not an amount: said next to the field, nothing is sent.
  await byTestId('payment-creditor-name').fill('Nobody');
  await byTestId('payment-creditor-iban').fill('GB82WEST12345698765432');
  await byTestId('payment-amount').fill('12.345');
  await byTestId('payment-submit').click();
  await textMatches(page, 'payment-amount-error', /at most two decimals/);
  assert.equal(await byTestId('payment-amount').getAttribute('aria-invalid'), 'true');
  assert.equal(sql(`SELECT count(*) FROM payments.payment WHERE owner_sub = '${user.sub}'`), '1');
});

test('a large payment by keyboard only: the approval dialog is modal, names the amount and payee, and Esc cancels', async () => {
  await page.goto(APP + '/payments');
  await byTestId('payment-creditor-name').waitFor();
  // Tab from the top of the page to the payee field, then type and tab through the form; Enter submits.
  await page.locator('body').focus();
  for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.id === 'creditor-name')); i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'creditor-name', 'the form is reachable by Tab');
  await page.keyboard.type('Car Dealer');
  await page.keyboard.press('Tab');
  await page.keyboard.type('DE12 5001 0517 0648 4898 90');
  await page.keyboard.press('Tab');
  await page.keyboard.type('15000');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Car');
  await page.keyboard.press('Enter');

  await byTestId('step-up-dialog').waitFor();
  const dialog = await page.evaluate(() => {
    const d = document.querySelector('dialog');
    return {
      modal: d.matches(':modal'),
      name: document.getElementById(d.getAttribute('aria-labelledby'))?.textContent.replace(/\s+/g, ' ').trim(),
      focused: document.activeElement?.id,
    };
  });
  assert.deepEqual(dialog, { modal: true, name: 'Approve €15,000.00 to Car Dealer', focused: 'step-up-code' });
  await assertAccessible(page, 'the approval dialog');
  // Focus stays in the dialog: Tab never reaches the page behind it.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate(() => document.activeElement === document.body || !!document.activeElement?.closest('dialog')),
      'focus left the dialog');
  }
  // Esc cancels: nothing booked, focus back on the button that sent the payment.
  await page.keyboard.press('Escape');
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await textMatches(page, 'payment-result', /Payment not sent/);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'payment-submit');

  // The same payment again (Enter on the focused button): a wrong code, then the right one, typed.
  await page.keyboard.press('Enter');
  await byTestId('step-up-dialog').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-up-code');
  await page.keyboard.type(totp(secret, 0) === '000000' ? '111111' : '000000');
  await page.keyboard.press('Enter');
  await page.getByText('That code was not accepted. 2 attempts left.').waitFor();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(totp(secret, 0));
  await page.keyboard.press('Enter');
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await textMatches(page, 'payment-result', /Booked/);
  await textMatches(page, 'payment-list', /Car Dealer/);
  assert.equal(sql(`SELECT amount || ' ' || creditor_iban FROM payments.payment WHERE owner_sub = '${user.sub}' AND creditor_name = 'Car Dealer'`),
    '15000.00 DE12500105170648489890', 'booked once, canonical');
});

test('adding and removing a factor needs an approval with an existing one, in the same dialog', async () => {
  await byTestId('nav-security').click();
  await byTestId('mfa-factor-list').waitFor();
  await byTestId('mfa-enroll-totp').click();
  await byTestId('step-up-dialog').waitFor();
  assert.match(await byTestId('step-up-reason').textContent(), /Approve adding a new authenticator/);
  await assertAccessible(page, 'the factor-change approval');
  await shot(page, 'factor-change-approval-390');
  // Codes of later time steps: each step is accepted once per factor (the payment above used the current one).
  await byTestId('step-up-code').fill(totp(secret, 1));
  await byTestId('step-up-verify').click();
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await byTestId('mfa-qr').waitFor();
  const secondSecret = (await byTestId('mfa-secret').textContent()).trim();
  assert.notEqual(secondSecret, secret);
  await byTestId('mfa-confirm-code').fill(totp(secondSecret, 0));
  await byTestId('mfa-confirm').click();
  await page.getByText('Your new factor is active.').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="mfa-factor-status"]').length === 2);

  // Removing the first one: approved with the second.
  await page.getByRole('button', { name: /^Remove / }).first().click();
  await byTestId('step-up-dialog').waitFor();
  assert.match(await byTestId('step-up-reason').textContent(), /Approve removing/);
  await byTestId('step-up-code').fill(totp(secondSecret, 1));
  await byTestId('step-up-verify').click();
  await page.getByText('Factor removed.').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="mfa-factor-status"]').length === 1);
  const events = await byTestId('security-events').locator('[data-testid="security-event-type"]').allTextContents();
  assert.deepEqual(events.slice(0, 3), ['Second factor removed', 'Second factor added', 'Second factor added']);
});

test('history pages, payment details, deep links and the back button', async () => {
  for (let i = 1; i <= 10; i++) {
    assert.equal(await pay(`${i}.00`, `Payee ${String(i).padStart(2, '0')}`), 201);
  }
  // 12 payments: page 1 holds the 10 newest, page 2 the two oldest.
  await page.goto(APP + '/payments');
  await textMatches(page, 'payment-list', /Payee 10/);
  assert.equal(await byTestId('payment-link').count(), 10);
  await byTestId('history-older').click();
  await textMatches(page, 'history-page', /Page 2/);
  assert.equal(path(), '/payments?page=2');
  assert.equal(await byTestId('payment-link').count(), 2);
  assert.equal(await byTestId('history-older').count(), 0, 'no older page after the last one');
  assert.match(await byTestId('payment-list').textContent(), /Corner Shop/);

  // A payment's detail page, then back to page 2 of the history, and forward again.
  await byTestId('payment-link').filter({ hasText: 'Corner Shop' }).click();
  await byTestId('payment-detail').waitFor();
  const detailPath = path();
  assert.match(detailPath, /^\/payments\/[0-9a-f-]{36}$/);
  assert.match(await byTestId('payment-detail-amount').textContent(), /€1,234\.50/);
  assert.equal((await byTestId('payment-detail-iban').textContent()).trim(), 'GB82 WEST 1234 5698 7654 32');
  await page.goBack();
  await textMatches(page, 'history-page', /Page 2/);
  assert.equal(path(), '/payments?page=2');
  await page.goBack();
  await textMatches(page, 'history-page', /Page 1/);
  await page.goForward();
  await page.goForward();
  await byTestId('payment-detail').waitFor();
  assert.equal(path(), detailPath);

  // A reload of the detail page (a bookmark) shows the same payment; an unknown id says so.
  await page.reload();
  await byTestId('payment-detail').waitFor();
  assert.match(await byTestId('payment-detail-payee').textContent(), /Corner Shop/);
  await page.goto(APP + '/payments/00000000-0000-4000-8000-000000000000');
  await byTestId('payment-not-found').waitFor();

  // Pages through the navigation, then back.
  await byTestId('nav-home').click();
  await byTestId('nav-sessions').click();
  await byTestId('sessions-list').waitFor();
  await page.goBack();
  assert.equal(path(), '/');
  await byTestId('account-balance').waitFor();
});

test('loading, error and offline states, and a retry', async () => {
  // A slow answer: the page says it is loading, then shows the data.
  await page.route('**/api/payments?*', async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(APP + '/payments');
  await byTestId('state-loading').waitFor();
  assert.match(await byTestId('state-loading').textContent(), /Loading your payments/);
  await byTestId('payment-list').waitFor();
  await page.unroute('**/api/payments?*');
  // payments-service answering 503 as the BFF passes it on: the page says so and offers to try again.
  await page.route('**/api/payments?*', (route) => route.fulfill({
    status: 503, contentType: 'application/problem+json', headers: { 'Retry-After': '2' },
    body: JSON.stringify({ type: 'https://bank.example/problems/upstream-unavailable', title: 'Service unavailable', status: 503,
      detail: 'Payments are not available right now; please try again shortly.' }),
  }));
  await byTestId('nav-home').click();
  await textMatches(page, 'state-error', /Payments are not available right now/);
  await page.unroute('**/api/payments?*');
  await byTestId('state-error').getByRole('button', { name: 'Try again' }).click();
  await byTestId('recent-payments').waitFor();

  // Offline: said as such, and loaded by itself once the connection is back.
  await page.context().setOffline(true);
  await byTestId('nav-sessions').click();
  await byTestId('state-offline').waitFor();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await shot(page, `state-offline-${width}`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.context().setOffline(false);
  await byTestId('sessions-list').waitFor();
});

test('every page at 390 px and 1280 px: screenshots, and axe-core finds no serious or critical violation', async () => {
  const pages = [
    ['home', '/', 'account-balance'],
    ['payments', '/payments', 'payment-list'],
    ['payment-detail', null, 'payment-detail'],
    ['payees', '/payees', 'payee-list'],
    ['security', '/security', 'security-events'],
    ['sessions', '/sessions', 'sessions-list'],
  ];
  await page.goto(APP + '/payments');
  await byTestId('payment-link').first().click();
  await byTestId('payment-detail').waitFor();
  const detail = path();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    for (const [name, url, ready] of pages) {
      await page.goto(APP + (url ?? detail));
      await byTestId(ready).first().waitFor();
      await assertAccessible(page, `${name} at ${width} px`);
      await shot(page, `${name}-${width}`);
    }
    // The approval dialog over the payments page (cancelled afterwards; nothing is booked).
    await page.goto(APP + '/payments');
    await byTestId('payment-creditor-name').fill('Car Dealer');
    await byTestId('payment-creditor-iban').fill('DE12 5001 0517 0648 4898 90');
    await byTestId('payment-amount').fill('15000');
    await byTestId('payment-submit').click();
    await byTestId('step-up-dialog').waitFor();
    await page.screenshot({ path: `${SHOTS}approval-${width}.png` });
    await byTestId('step-up-cancel').click();
    await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  }
  await page.setViewportSize({ width: 390, height: 844 });
});

test('signing out ends the session here and at Keycloak, and the landing page says so', async () => {
  await page.goto(APP + '/');
  await byTestId('logout-button').waitFor();
  await recordCookies(page);
  const loggedOut = page.waitForResponse((r) => r.url().endsWith('/bff/logout') && r.request().method() === 'POST');
  await byTestId('logout-button').click();
  assert.equal((await loggedOut).status(), 200);
  await textMatches(page, 'signed-out-reason', /You have signed out/);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await assertAccessible(page, `the landing page at ${width} px`);
    await shot(page, `landing-${width}`);
  }
  // Keycloak's session ends from the BFF's back channel right after the answer.
  let sessions = [];
  for (let i = 0; i < 20; i++) {
    sessions = await (await admin('GET', `/users/${user.sub}/sessions`)).json();
    if (sessions.length === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(sessions.length, 0, 'the Keycloak session ended with the BFF session');
  assert.deepEqual(seen.filter((line) => JWT.test(line)), [], 'no URL, header or body the SPA saw holds a JWT');
});

test('the landing page keeps a returnTo exactly when the BFF accepts it (one list of cases for both rules)', async () => {
  // The same cases ReturnToTest holds the BFF's rule to: a returnTo the page keeps is one /bff/login accepts.
  const cases = JSON.parse(readFileSync(new URL('../auth-bff/src/test/resources/return-to-cases.json', import.meta.url), 'utf8'));
  const signedOut = await newPage(browser);
  try {
    for (const [kind, targets] of [['accepted', cases.accepted], ['refused', cases.refused]]) {
      for (const target of targets) {
        await signedOut.goto(APP + '/?returnTo=' + encodeURIComponent(target));
        await signedOut.getByTestId('login-button').waitFor();
        // The page replaces its URL once it has decided (after /bff/user answered 401): wait until that is over.
        await signedOut.waitForLoadState('networkidle');
        const kept = new URL(signedOut.url()).searchParams.get('returnTo');
        assert.equal(kept, kind === 'accepted' ? target : null, `${kind}: ${JSON.stringify(target)}`);
      }
    }
  } finally {
    await signedOut.context().close();
  }
});
