import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { E2E_DASHBOARD_PORT, E2E_SANDBOX_ACCOUNTS } from './e2e-settings';

// Named to run last (one worker, files in name order): by now every other spec has connected,
// pushed, failed and retried through this server, and its whole output is in the log.
test('the dashboard server never logged a signature', async () => {
  const logFile = process.env.STOCKTRIM_E2E_SERVER_LOG ?? '';
  expect(existsSync(logFile), `server log at ${logFile}`).toBe(true);
  const log = readFileSync(logFile, 'utf8');
  expect(log).toContain('Ready');
  for (const account of E2E_SANDBOX_ACCOUNTS) expect(log).not.toContain(account.signature);
  expect(log).not.toMatch(/api-auth-signature["']?\s*[:=]/i);
});

test('the session cookie is Secure when the dashboard is not on localhost', async () => {
  // A request as if the dashboard were served as dashboard.example (behind TLS).
  const body = JSON.stringify({ sandboxDemo: true });
  const setCookie = await new Promise<string[]>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: E2E_DASHBOARD_PORT,
        path: '/api/session',
        method: 'POST',
        headers: { host: 'dashboard.example', origin: 'https://dashboard.example', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers['set-cookie'] ?? []));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  const session = setCookie.find((c) => c.startsWith('stocktrim_session='));
  expect(session).toBeDefined();
  expect(session).toMatch(/;\s*Secure/i);
  expect(session).toMatch(/;\s*HttpOnly/i);
  expect(session).toMatch(/;\s*SameSite=Strict/i);
  expect(session).toMatch(/;\s*(Max-Age|Expires)=/i);
});
