// The web app in a real headless Chromium (Debian's), against the suite as ./suite test runs it.
// Codes are computed here from the secret the app shows (RFC 6238), as an authenticator app would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const APP = process.env.BANK_APP_URL ?? 'http://localhost:8080';
const KEYCLOAK = process.env.BANK_KEYCLOAK_URL ?? 'http://localhost:8180';
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
let browser;
let page;

// ./suite test searches the services' logs for every cookie value the browser was given (BANK_SEEN_SECRETS).
async function recordCookies() {
  if (!process.env.BANK_SEEN_SECRETS) return;
  const values = (await page.context().cookies()).map((c) => c.value).filter((v) => v.length >= 16);
  if (values.length) appendFileSync(process.env.BANK_SEEN_SECRETS, values.join('\n') + '\n');
}

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
  await user?.remove();
});

// ------------------------------------------------------------------ a throw-away customer
// Tests own their data: a user made through Keycloak's admin API (local demo admin/admin, as ./suite starts it) with
// an account of its own in the suite's database. The demo users are never touched, whatever a newcomer did with them.

let user;

async function adminToken() {
  const r = await fetch(`${KEYCLOAK}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&client_id=admin-cli&username=admin&password=admin',
  });
  return (await r.json()).access_token;
}

async function admin(method, path, body) {
  const r = await fetch(`${KEYCLOAK}/admin/realms/bank${path}`, {
    method,
    headers: { Authorization: `Bearer ${await adminToken()}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${await r.clone().text()}`);
  return r;
}

function sql(statement) {
  execFileSync('psql', ['-h', process.env.BANK_PG_HOST ?? '127.0.0.1', '-p', process.env.BANK_PG_PORT ?? '5432',
    '-U', process.env.BANK_PG_USER ?? 'postgres', '-d', process.env.BANK_PG_DATABASE ?? 'bank', '-v', 'ON_ERROR_STOP=1', '-qc', statement],
  { env: { ...process.env, PGPASSWORD: process.env.BANK_PG_PASSWORD ?? '' } });
}

/** A German IBAN with a random account number and correct ISO 7064 check digits. */
function randomIban() {
  const bban = '37040044' + String(Math.floor(Math.random() * 1e10)).padStart(10, '0');
  const check = 98n - (BigInt(bban + '131400') % 97n);
  return 'DE' + String(check).padStart(2, '0') + bban;
}

async function createUser() {
  const username = `e2e-${crypto.randomUUID().slice(0, 12)}`;
  const password = `E2e-${crypto.randomUUID()}-9a!`;
  const created = await admin('POST', '/users', {
    username, enabled: true, email: `${username}@test.bank.example`, emailVerified: true, firstName: 'Erika', lastName: 'Tester',
    credentials: [{ type: 'password', value: password, temporary: false }],
  });
  const sub = created.headers.get('location').split('/').pop();
  const role = await (await admin('GET', '/roles/USER')).json();
  await admin('POST', `/users/${sub}/role-mappings/realm`, [role]);
  const iban = randomIban();
  sql(`INSERT INTO payments.account (iban, owner_sub, name, currency, balance) VALUES ('${iban}', '${sub}', 'E2E current account', 'EUR', 1000000.00)`);
  return {
    username, password, sub, iban,
    async remove() {
      await admin('DELETE', `/users/${sub}`);
      for (const s of ['payments.payment WHERE owner_sub', 'payments.account WHERE owner_sub', 'mfa.factor WHERE sub', 'mfa.security_event WHERE sub']) {
        sql(`DELETE FROM ${s} = '${sub}'`);
      }
    },
  };
}

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

const JWT = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;

test('a customer signs in, enrols TOTP, pays, approves a large payment, changes factors with approval, and signs out', async (t) => {
  t.after(async () => {
    if (page && !page.isClosed()) await shot('last-state');
  });
  user = await createUser();
  // Everything the SPA sees: every URL it visits or calls, and every answer of our origin. None may hold a JWT.
  const seen = [];
  page.on('request', (r) => seen.push(`URL ${r.url()}`));
  page.on('response', async (r) => {
    if (r.url().startsWith(APP)) {
      seen.push(`HEADERS ${r.url()} ${JSON.stringify(await r.allHeaders())}`);
      try { seen.push(`BODY ${r.url()} ${await r.text()}`); } catch { /* a redirect has no body */ }
    }
  });

  await page.goto(APP + '/');
  await byTestId('login-button').waitFor();
  await shot('01-landing');
  await byTestId('login-button').click();

  // Keycloak's own login page.
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await shot('02-keycloak-login');
  await page.locator('#kc-login').click();

  await byTestId('account-balance').first().waitFor();
  await shot('03-home');
  await recordCookies();
  const readable = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify(localStorage),
    session: JSON.stringify(sessionStorage),
  }));
  assert.ok(!readable.cookie.includes('__Host-bank-session'), 'the session cookie is not readable by JavaScript');
  assert.ok(readable.cookie.includes('__Host-bank-csrf'), 'the CSRF cookie is (the app echoes it)');
  assert.ok(!JWT.test(readable.cookie + readable.local + readable.session), 'no token anywhere JS can read');
  assert.equal(readable.local, '{}');
  assert.equal(readable.session, '{}');

  // Security: the first factor needs only the fresh sign-in.
  await byTestId('nav-security').click();
  await byTestId('mfa-factor-list').waitFor();
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

  // A second authenticator: with an active factor, adding one opens the approval dialog with the reason.
  await byTestId('nav-security').click();
  await byTestId('mfa-factor-list').waitFor();
  await byTestId('mfa-enroll-totp').click();
  await byTestId('step-up-dialog').waitFor();
  assert.match(await byTestId('step-up-reason').textContent(), /Approve adding a new authenticator/);
  await shot('10-factor-change-approval');
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
  await shot('11-security-events');

  await byTestId('nav-sessions').click();
  await byTestId('sessions-list').locator('li').first().waitFor();
  assert.match(await byTestId('sessions-list').textContent(), /this device/);
  await shot('12-sessions');

  await recordCookies();
  // Sign out: the BFF ends the session and Keycloak's from its back channel; the SPA lands on the landing page.
  const loggedOut = page.waitForResponse((r) => r.url().endsWith('/bff/logout') && r.request().method() === 'POST');
  await byTestId('logout-button').click();
  assert.equal((await loggedOut).status(), 200);
  await byTestId('login-button').waitFor();
  await shot('13-signed-out');
  // Keycloak's session ends from the BFF's back channel right after the answer.
  let sessions = [];
  for (let i = 0; i < 20; i++) {
    sessions = await (await admin('GET', `/users/${user.sub}/sessions`)).json();
    if (sessions.length === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(sessions.length, 0, 'the Keycloak session ended with the BFF session');
  const leaks = seen.filter((line) => JWT.test(line));
  assert.deepEqual(leaks, [], 'no URL, header or body the SPA saw holds a JWT');
});
