import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { sealData } from 'iron-session';
import { connect, readAllProducts } from './e2e-helpers';
import { E2E_DASHBOARD_PORT, E2E_SESSION_SECRET, e2eAccounts } from './e2e-settings';

const account = e2eAccounts.security;
const origin = `http://127.0.0.1:${E2E_DASHBOARD_PORT}`;
const oneRow = { rows: [{ rowNumber: 2, values: { productId: 'CSRF-1' } }] };

test('pages carry the security headers, with no unsafe-eval', async ({ page }) => {
  const res = await page.goto('/connect');
  const headers = res?.headers() ?? {};
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-powered-by']).toBeUndefined();
});

test('cross-site requests change nothing', async ({ page }) => {
  await connect(page, account);
  const attacks: Record<string, string>[] = [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }];
  for (const evil of attacks) {
    const push = await page.request.post('/api/push/products', { data: oneRow, headers: evil });
    expect(push.status()).toBe(403);
    expect(await push.text()).toContain('Cross-site requests are refused');
    const forecast = await page.request.post('/api/forecast', { headers: evil });
    expect(forecast.status()).toBe(403);
    const disconnect = await page.request.delete('/api/session', { headers: evil });
    expect(disconnect.status()).toBe(403);
  }
  expect((await readAllProducts(account)).map((p) => p.productId)).not.toContain('CSRF-1');
  // The same request from the dashboard's own origin goes through.
  const own = await page.request.post('/api/push/products', { data: oneRow, headers: { origin } });
  expect(own.status()).toBe(200);
  expect((await readAllProducts(account)).map((p) => p.productId)).toContain('CSRF-1');
});

test('no request can choose where the server sends the credentials', async ({ page }) => {
  const res = await page.request.post('/api/session', {
    data: { authId: account.authId, signature: account.signature, baseUrl: 'http://169.254.169.254/' },
    headers: { origin },
  });
  expect(res.status()).toBe(400);
  await connect(page, account);
  const push = await page.request.post('/api/push/products', {
    data: { rows: [{ rowNumber: 2, values: { productId: 'X', url: 'http://evil.example' } }] },
    headers: { origin },
  });
  expect(push.status()).toBe(200);
  const body = (await push.json()) as { results: { status: string; message?: string }[] };
  expect(body.results[0]?.status).toBe('rejected');
});

test('oversized pushes are refused whole', async ({ page }) => {
  await connect(page, account);
  const tooMany = { rows: Array.from({ length: 1001 }, (_, i) => ({ rowNumber: i + 2, values: { productId: `BIG-${i}` } })) };
  const res = await page.request.post('/api/push/products', { data: tooMany, headers: { origin } });
  expect(res.status()).toBe(413);
  const huge = await page.request.post('/api/push/products', {
    data: { rows: [{ rowNumber: 2, values: { productId: 'HUGE', name: 'x'.repeat(5 * 1024 * 1024) } }] },
    headers: { origin },
  });
  expect(huge.status()).toBe(413);
  expect((await readAllProducts(account)).map((p) => p.productId).filter((id) => id.startsWith('BIG-') || id === 'HUGE')).toEqual([]);
});

test('guessing signatures is rate limited', async ({ page }) => {
  await page.goto('/connect');
  const authId = `guess-${Date.now()}`;
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const res = await page.request.post('/api/session', { data: { authId, signature: `guess-${i}` }, headers: { origin } });
    statuses.push(res.status());
    if (res.status() === 429) expect(res.headers()['retry-after']).toMatch(/^\d+$/);
  }
  expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
  expect(statuses[10]).toBe(429);
});

test('a tampered, expired or disconnected cookie means "not connected", never a crash', async ({ page, context }) => {
  await connect(page, account);
  const cookie = (await context.cookies()).find((c) => c.name === 'stocktrim_session');
  expect(cookie).toBeDefined();
  if (!cookie) return;

  const flipped = cookie.value.slice(0, -4) + (cookie.value.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  await context.addCookies([{ ...cookie, value: flipped }]);
  let res = await page.goto('/order-plan');
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(/\/connect$/);
  expect((await page.request.get('/api/forecast')).status()).toBe(401);

  // A correctly sealed session that is older than the 8-hour session lifetime.
  const nineHoursAgo = new Date(Date.now() - 9 * 3600_000).toISOString();
  const expired = await sealData(
    { sid: 'forged', authId: account.authId, signature: account.signature, connectedAt: nineHoursAgo },
    { password: E2E_SESSION_SECRET, ttl: 0 },
  );
  await context.addCookies([{ ...cookie, value: expired }]);
  res = await page.goto('/order-plan');
  await expect(page).toHaveURL(/\/connect$/);

  // Disconnect forgets the session even if a copy of the old cookie is replayed.
  await context.addCookies([cookie]);
  await page.goto('/order-plan');
  await expect(page).toHaveURL(/\/order-plan$/);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page).toHaveURL(/\/connect$/);
  await context.addCookies([cookie]);
  await page.goto('/order-plan');
  await expect(page).toHaveURL(/\/connect$/);
});

test('the built client bundle holds no StockTrim credential handling', async () => {
  const staticDir = fileURLToPath(new URL('../.next/static', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(staticDir);
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // The header being set (client code); the Connect form's label text is fine.
    expect(text, file).not.toMatch(/["']api-auth-signature["']\s*:/);
    expect(text, file).not.toContain('createStockTrimClient');
    expect(text, file).not.toContain('sandbox-signature');
    for (const a of Object.values(e2eAccounts)) expect(text, file).not.toContain(a.signature);
  }
});
