import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { E2E_DASHBOARD_PORT, E2E_SANDBOX_ACCOUNTS, E2E_SANDBOX_PORT, E2E_SESSION_SECRET } from './e2e/e2e-settings';

// The dashboard's run database, fresh for every test run. Each worker process loads this file
// again, but inherits the runner's environment, so they all agree on the one folder.
process.env.STOCKTRIM_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'stocktrim-e2e-data-'));
// Everything the dashboard server prints goes here, so a spec can prove no signature is logged.
process.env.STOCKTRIM_E2E_SERVER_LOG ??= path.join(process.env.STOCKTRIM_E2E_DATA_DIR, 'dashboard.log');

// The test run starts both servers itself: the sandbox on its own port, and the built
// dashboard pointed at it. Each spec uses its own sandbox account, so specs cannot see each
// other's data.
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_DASHBOARD_PORT}`,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'off',
  },
  webServer: [
    {
      command: 'npx tsx sandbox/main.ts',
      url: `http://127.0.0.1:${E2E_SANDBOX_PORT}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        SANDBOX_PORT: String(E2E_SANDBOX_PORT),
        SANDBOX_ACCOUNTS: E2E_SANDBOX_ACCOUNTS.map((a) => `${a.authId}:${a.signature}`).join(','),
        SANDBOX_FORECAST_MS: '4000',
        SANDBOX_PRODUCT_DELETE_DELAY_MS: '0',
      },
    },
    {
      command: `exec npx next start -H 127.0.0.1 -p ${E2E_DASHBOARD_PORT} >> "${process.env.STOCKTRIM_E2E_SERVER_LOG}" 2>&1`,
      url: `http://127.0.0.1:${E2E_DASHBOARD_PORT}/api/session`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        STOCKTRIM_BASE_URL: `http://127.0.0.1:${E2E_SANDBOX_PORT}/api`,
        SESSION_SECRET: E2E_SESSION_SECRET,
        DATA_DIR: process.env.STOCKTRIM_E2E_DATA_DIR,
      },
    },
  ],
});
