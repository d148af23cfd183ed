// What the browser tests share: Chromium, throw-away customers, TOTP codes, screenshots and the accessibility check.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const APP = process.env.BANK_APP_URL ?? 'http://localhost:8080';
export const KEYCLOAK = process.env.BANK_KEYCLOAK_URL ?? 'http://localhost:8180';
export const MFA = process.env.BANK_MFA_URL ?? 'http://localhost:8083';
export const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
/** The widths every page is shown and checked at: a phone, and a laptop. */
export const WIDTHS = [390, 1280];
export const JWT = /eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/;

/** A headless Debian Chromium; pages log their console errors to the test output. */
export async function launch() {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser, options = {}) {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, ...options })).newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log('browser console:', m.text()); });
  return page;
}

export const shot = (page, name) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

// ./suite test searches the services' logs for every cookie value the browser was given (BANK_SEEN_SECRETS).
export async function recordCookies(page) {
  if (!process.env.BANK_SEEN_SECRETS) return;
  const values = (await page.context().cookies()).map((c) => c.value).filter((v) => v.length >= 16);
  if (values.length) appendFileSync(process.env.BANK_SEEN_SECRETS, values.join('\n') + '\n');
}

// ------------------------------------------------------------------ accessibility

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core on what the page shows now (WCAG 2.x A and AA rules): no serious or critical violation. Injected through
 * the DevTools protocol (page.evaluate), so the app's CSP stays as strict as in production.
 */
export async function assertAccessible(page, where) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(AXE);
  }
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  assert.deepEqual(bad, [], `axe-core on ${where}`);
  return result;
}

// ------------------------------------------------------------------ throw-away customers
// Tests own their data: a user made through Keycloak's admin API (local demo admin/admin, as ./suite starts it) with
// an account of its own in the suite's database. The demo users are never touched, whatever a newcomer did with them.

async function adminToken() {
  const r = await fetch(`${KEYCLOAK}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=password&client_id=admin-cli&username=admin&password=admin',
  });
  return (await r.json()).access_token;
}

/**
 * The bank's back office sends the user an activation letter (DESIGN 5): client bank-backoffice, scope mfa:onboarding,
 * its local demo secret from keycloak/realm-bank.json. The browser test then reads it with "Show demo letters".
 */
export async function sendActivationLetter(sub) {
  const t = await fetch(`${KEYCLOAK}/realms/bank/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=bank-backoffice&client_secret=bank-backoffice-local-demo-secret&scope=mfa%3Aonboarding',
  });
  assert.ok(t.ok, `back-office token: ${t.status}`);
  const r = await fetch(`${MFA}/users/${sub}/activation-letters`, {
    method: 'POST', headers: { Authorization: `Bearer ${(await t.json()).access_token}` },
  });
  assert.equal(r.status, 201, `activation letter: ${r.status} ${await r.clone().text()}`);
}

/**
 * On the security page of a user without a factor: the code from "Show demo letters" into the activation code field,
 * then an authenticator app enrolled and confirmed (the code of step -1). Returns the app's secret.
 */
export async function enrolFirstTotp(page) {
  const code = await activationCodeFromDemoLetters(page);
  await page.getByTestId('mfa-activation-code').fill(code);
  await page.getByTestId('mfa-enroll-totp').click();
  await page.getByTestId('mfa-qr').waitFor();
  const secret = (await page.getByTestId('mfa-secret').textContent()).trim();
  await page.getByTestId('mfa-confirm-code').fill(totp(secret, -1));
  await page.getByTestId('mfa-confirm').click();
  await page.getByText('Your new factor is active.').waitFor();
  return secret;
}

/** The code of the newest letter, as "Show demo letters" shows it. */
export async function activationCodeFromDemoLetters(page) {
  await page.getByTestId('mfa-show-letters').click();
  await page.getByTestId('mfa-letter-code').waitFor();
  return (await page.getByTestId('mfa-letter-code').textContent()).trim();
}

export async function admin(method, path, body) {
  const r = await fetch(`${KEYCLOAK}/admin/realms/bank${path}`, {
    method,
    headers: { Authorization: `Bearer ${await adminToken()}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${await r.clone().text()}`);
  return r;
}

export function sql(statement) {
  return execFileSync('psql', ['-h', process.env.BANK_PG_HOST ?? '127.0.0.1', '-p', process.env.BANK_PG_PORT ?? '5432',
    '-U', process.env.BANK_PG_USER ?? 'postgres', '-d', process.env.BANK_PG_DATABASE ?? 'bank', '-v', 'ON_ERROR_STOP=1', '-qtAc', statement],
  { env: { ...process.env, PGPASSWORD: process.env.BANK_PG_PASSWORD ?? '' } }).toString().trim();
}

/** A German IBAN with a random account number and correct ISO 7064 check digits. */
export function randomIban() {
  const bban = '37040044' + String(Math.floor(Math.random() * 1e10)).padStart(10, '0');
  const check = 98n - (BigInt(bban + '131400') % 97n);
  return 'DE' + String(check).padStart(2, '0') + bban;
}

/** A customer of our own with one EUR account (balance 1,000,000.00); remove() deletes every trace of it. */
export async function createUser() {
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
  await sendActivationLetter(sub);
  return {
    username, password, sub, iban,
    async remove() {
      await admin('DELETE', `/users/${sub}`);
      for (const s of ['payments.payment WHERE owner_sub', 'payments.beneficiary WHERE owner_sub', 'payments.account WHERE owner_sub',
        'mfa.factor WHERE sub', 'mfa.security_event WHERE sub', 'mfa.activation_code WHERE sub', 'mfa.letter_outbox WHERE sub',
        'mfa.passkey_user WHERE sub', 'mfa.passkey_approval WHERE sub']) {
        sql(`DELETE FROM ${s} = '${sub}'`);
      }
    },
  };
}

/** Through Keycloak's own login page, from the landing page the app shows at the current URL. */
export async function signIn(page, user) {
  await page.getByTestId('login-button').click();
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.locator('#kc-login').click();
  await page.getByTestId('logout-button').waitFor();
}

/** RFC 6238 from the base32 secret the app shows, as an authenticator app computes it. */
export function totp(base32, stepOffset = 0) {
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

/** Waits until the element's text matches. */
export async function textMatches(page, testId, pattern, timeout = 10_000) {
  await page.waitForFunction(([id, source, flags]) => new RegExp(source, flags).test(
    document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''), [testId, pattern.source, pattern.flags], { timeout });
}

/**
 * A test file's browser, page (with {@code locale}, Europe/Berlin) and throw-away customer, made before its first test
 * and removed after its last. Read them from the returned object once the tests run.
 */
export function browserTest(locale) {
  const t = {};
  before(async () => {
    t.browser = await launch();
    t.page = await newPage(t.browser, { locale, timezoneId: 'Europe/Berlin' });
    t.user = await createUser();
  });
  after(async () => {
    await t.browser?.close();
    await t.user?.remove();
  });
  return t;
}
