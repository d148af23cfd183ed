// The web app in a real headless Chromium (Debian's), against the suite as ./suite test runs it.
// Codes are computed here from the secret the app shows (RFC 6238), as an authenticator app would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const APP = process.env.BANK_APP_URL ?? 'http://localhost:8080';
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
let browser;
let page;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log('browser console:', m.text()); });
});

after(async () => {
  await browser?.close();
});

const shot = (name) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
const byTestId = (id) => page.getByTestId(id);

function totp(base32, stepOffset = 0) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000) + stepOffset));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

test('a customer signs in, enrols TOTP, pays, approves a large payment, sees sessions and signs out', async (t) => {
  t.after(async () => {
    if (page && !page.isClosed()) await shot('last-state');
  });
  await page.goto(APP + '/');
  await byTestId('login-button').waitFor();
  await shot('01-landing');
  await byTestId('login-button').click();

  // Keycloak's own login page.
  await page.locator('#username').fill('alice');
  await page.locator('#password').fill('Alice-Demo-2026!');
  await shot('02-keycloak-login');
  await page.locator('#kc-login').click();

  await byTestId('account-balance').first().waitFor();
  await shot('03-home');
  const readable = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify(localStorage),
    session: JSON.stringify(sessionStorage),
  }));
  assert.ok(!readable.cookie.includes('__Host-bank-session'), 'the session cookie is not readable by JavaScript');
  assert.ok(readable.cookie.includes('__Host-bank-csrf'), 'the CSRF cookie is (the app echoes it)');
  assert.ok(!/eyJ[A-Za-z0-9_-]{10,}/.test(readable.cookie + readable.local + readable.session), 'no token anywhere JS can read');
  assert.equal(readable.local, '{}');
  assert.equal(readable.session, '{}');

  // Security: start from no factors (a failed earlier run may have left some), then enrol an authenticator app
  // with the key the page shows.
  await byTestId('nav-security').click();
  await byTestId('mfa-factor-list').waitFor();
  await page.waitForLoadState('networkidle');
  while (await page.getByRole('button', { name: /^Remove / }).count() > 0) {
    const before = await page.getByRole('button', { name: /^Remove / }).count();
    await page.getByRole('button', { name: /^Remove / }).first().click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="mfa-factor-list"] button').length < n, before);
  }
  await byTestId('mfa-enroll-totp').click();
  await byTestId('mfa-qr').waitFor();
  const secret = (await byTestId('mfa-secret').textContent()).trim();
  await shot('04-security-enrol');
  await byTestId('mfa-confirm-code').fill(totp(secret, -1));
  await byTestId('mfa-confirm').click();
  await page.getByText('Your new factor is active.').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="mfa-factor-list"]')?.textContent?.includes('active'));
  await shot('05-security-active');

  // A small payment: booked at once.
  await byTestId('nav-payments').click();
  await byTestId('payment-creditor-name').fill('Corner Shop');
  await byTestId('payment-creditor-iban').fill('GB82WEST12345698765432');
  await byTestId('payment-amount').fill('12.50');
  await byTestId('payment-remittance').fill('Groceries');
  await byTestId('payment-submit').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="payment-result"]')?.textContent?.includes('Booked'));
  await shot('06-payment-booked');

  // A large payment: the step-up dialog shows exactly what is authorised; a wrong code, then the right one.
  await byTestId('payment-creditor-name').fill('Car Dealer');
  await byTestId('payment-creditor-iban').fill('DE12500105170648489890');
  await byTestId('payment-amount').fill('15000.00');
  await byTestId('payment-submit').click();
  await byTestId('step-up-dialog').waitFor();
  assert.match(await byTestId('step-up-amount').textContent(), /15000\.00 EUR/);
  assert.match(await byTestId('step-up-payee').textContent(), /Car Dealer/);
  await shot('07-step-up-dialog');
  const wrong = totp(secret, 0) === '000000' ? '111111' : '000000';
  await byTestId('step-up-code').fill(wrong);
  await byTestId('step-up-verify').click();
  await page.getByText('That code was not accepted. 2 attempts left.').waitFor();
  await shot('08-step-up-wrong-code');
  await byTestId('step-up-code').fill(totp(secret, 0));
  await byTestId('step-up-verify').click();
  await byTestId('step-up-dialog').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('[data-testid="payment-result"]')?.textContent?.includes('Booked'));
  await page.waitForFunction(() => document.querySelector('[data-testid="payment-list"]')?.textContent?.includes('Car Dealer'));
  await shot('09-large-payment-booked');

  await byTestId('nav-sessions').click();
  await byTestId('sessions-list').locator('li').first().waitFor();
  assert.match(await byTestId('sessions-list').textContent(), /this device/);
  await shot('10-sessions');

  // Clean up the factor so the next run starts the same way, then sign out.
  await byTestId('nav-security').click();
  await page.getByRole('button', { name: /^Remove / }).first().click();
  await page.getByText('Factor removed.').waitFor();
  const loggedOut = page.waitForResponse((r) => r.url().endsWith('/bff/logout') && r.request().method() === 'POST');
  const endedAtKeycloak = page.waitForRequest((r) => r.url().includes('/protocol/openid-connect/logout'));
  await byTestId('logout-button').click();
  assert.equal((await loggedOut).status(), 200);
  await endedAtKeycloak;
  // Keycloak ends its session too and sends the browser back to the app, signed out.
  await byTestId('login-button').waitFor();
  await shot('11-signed-out');
});
