// Redis memory of one real session (issue 26): a throw-away customer signs in through Keycloak's login page in
// Chromium, exactly as a customer does; then every Redis key of that session is measured with MEMORY USAGE, then
// again after logout (the tombstone). Run against a running ./suite up:  node redis-sizing.mjs
// Prints one JSON line; the README's sizing table is computed from it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

import { APP, createUser, launch, newPage, signIn } from './support.mjs';

const REDIS_PORT = process.env.BANK_REDIS_PORT ?? '6379';
const PREFIX = process.env.BANK_SESSIONS_KEY_PREFIX ?? 'bank:';
const redis = (...args) => execFileSync('redis-cli', ['-p', REDIS_PORT, ...args]).toString().trim();
const usage = (key) => Number(redis('MEMORY', 'USAGE', key, 'SAMPLES', '0'));

const user = await createUser();
const browser = await launch();
try {
  const page = await newPage(browser);
  await page.goto(APP + '/');
  await signIn(page, user);
  const tag = createHash('sha256').update(user.sub, 'utf8').digest('hex').slice(0, 4);
  // Every key of the user's slot (on a dev machine nobody else has this tag: 1 in 65,536 users share it), by kind.
  const mine = redis('--scan', '--pattern', `${PREFIX}{${tag}}*`).split('\n').filter(Boolean);
  const live = {};
  for (const k of mine) {
    const kind = k.slice((PREFIX + `{${tag}}`).length).replace(/:.*/, '');
    live[kind] = (live[kind] ?? 0) + usage(k);
  }
  const sidTags = redis('--scan', '--pattern', `${PREFIX}sid-tag:*`).split('\n').filter(Boolean);
  const sidTag = sidTags.map(usage).reduce((a, b) => Math.max(a, b), 0);
  await page.getByTestId('logout-button').click();
  await page.waitForURL((u) => u.searchParams.get('reason') === 'signed-out' || u.pathname === '/', { timeout: 15_000 }).catch(() => {});
  const after = redis('--scan', '--pattern', `${PREFIX}{${tag}}id:*`).split('\n').filter(Boolean);
  const tombstone = after.map(usage).reduce((a, b) => Math.max(a, b), 0);
  console.log(JSON.stringify({ live, sidTag, tombstone, keysWhileSignedIn: mine.length }));
} finally {
  await browser.close();
  await user.remove();
}
