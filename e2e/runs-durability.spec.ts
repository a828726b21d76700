import { type Page, expect, test } from '@playwright/test';
import type { RunSummary } from '../lib/server/runs/run-api';
import { connect, dropFile, e2eTempDir, requireSharedDatasets } from './e2e-helpers';
import {
  RUNS_DASHBOARD_URL,
  type RunsDashboard,
  type RunsSandbox,
  rowsInDatabase,
  runStateInDatabase,
  runsAccounts,
  salesHeldBy,
  seedRunsProducts,
  startRunsDashboard,
  startRunsSandbox,
} from './runs-support';
import { retailSales } from './retail-sales';
import { countOf } from '../lib/text/count';

// These specs start their own sandbox and dashboard (ports 3370 / 4370) so they can slow
// StockTrim down, inject faults and SIGKILL the dashboard without touching the shared servers.
test.use({ baseURL: RUNS_DASHBOARD_URL });
test.describe.configure({ mode: 'serial' });

const account = runsAccounts.owner;
const LINES = 6000;
const PUTS = 'PUT /api/salesordersbulk';
let sandbox: RunsSandbox | null = null;
let dashboard: RunsDashboard | null = null;

test.afterEach(async () => {
  await dashboard?.kill();
  await sandbox?.close();
  dashboard = null;
  sandbox = null;
});

async function startPush(page: Page, file: string, lines: number, connected = false, notProducts?: number): Promise<string> {
  if (!connected) await connect(page, account);
  await page.goto('/import/sales-orders');
  await dropFile(page, file);
  await expect(page.getByTestId('loaded-file')).toContainText(countOf(lines, 'row'));
  // The reference check runs by itself after the load; waiting for it keeps the counts below exact.
  if (notProducts !== undefined) await expect(page.getByTestId('count-errors')).toHaveText(String(notProducts), { timeout: 30_000 });
  await page.getByRole('button', { name: /Send [\d,]+ rows to StockTrim/ }).click();
  const progress = page.getByTestId('run-progress');
  await expect(progress).toBeVisible({ timeout: 60_000 });
  const href = await progress.getByRole('link', { name: 'History' }).getAttribute('href');
  const runId = href?.split('/').at(-1);
  expect(runId).toMatch(/^[0-9a-f-]{36}$/);
  return runId as string;
}

async function runOf(page: Page, runId: string): Promise<RunSummary> {
  const res = await page.request.get(`/api/runs/${runId}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { run: RunSummary }).run;
}

test('SIGKILL mid-push: the run resumes by itself and StockTrim ends with every accepted line exactly once', async ({ page, context }) => {
  test.setTimeout(360_000);
  requireSharedDatasets();
  const sales = retailSales(LINES, e2eTempDir('runs-crash'));
  expect(sales.accepted).toBeGreaterThan(5000);
  sandbox = await startRunsSandbox();
  await seedRunsProducts(account, sales.productIds);
  dashboard = await startRunsDashboard();
  const dataDir = dashboard.dataDir;

  // Slow enough (about 10 s for the whole push) to be killed in the middle of it.
  sandbox.latencyMs = 150;
  const started = Date.now();
  const runId = await startPush(page, sales.file, LINES, false, sales.notProducts);
  await expect.poll(() => sandbox!.count(PUTS), { timeout: 120_000, intervals: [100] }).toBeGreaterThan(sales.orders / 3);
  await dashboard.kill();
  const atKill = rowsInDatabase(dataDir);
  const putsAtKill = sandbox.count(PUTS);
  await page.close();
  console.info(`[crash] killed with ${atKill.byStatus.sent ?? 0} lines recorded as sent, ${atKill.onTheirWay} on their way, ${putsAtKill} orders PUT`);
  expect(atKill.byStatus.pending ?? 0).toBeGreaterThan(1000);

  dashboard = await startRunsDashboard(dataDir);
  // Nothing asks the dashboard for anything, yet StockTrim keeps receiving the orders.
  await expect.poll(() => sandbox!.count(PUTS), { timeout: 30_000, intervals: [200] }).toBeGreaterThan(putsAtKill + 10);

  const after = await context.newPage();
  await after.goto(`/history/${runId}`);
  await expect(after.getByTestId('run-state')).toHaveText('Finished', { timeout: 180_000 });
  const elapsed = Date.now() - started;
  await expect(after.getByTestId('run-sent')).toHaveText(String(sales.accepted));
  await expect(after.getByTestId('run-rejected')).toHaveText('0');
  await expect(after.getByTestId('run-file-errors')).toHaveText(String(sales.notProducts));
  await expect(after.getByTestId('run-skipped')).toHaveText(String(sales.negative));
  const run = await runOf(after, runId);
  expect(run.counts).toMatchObject({ sent: sales.accepted, rejected: 0, fileRejected: sales.notProducts, skipped: sales.negative, pending: 0, notSent: 0 });
  expect(run.resent).toBe(atKill.onTheirWay);

  sandbox.latencyMs = 0;
  const held = await salesHeldBy(account, sales.productIds);
  expect(held).toEqual(sales.expected);
  const inSandbox = [...held.values()].reduce((s, h) => s + h.count, 0);
  console.info(
    `[crash] ${LINES} lines in the file, ${sales.accepted} accepted, ${inSandbox} in the sandbox after; ${run.requests} requests (${run.requestsPer1000Rows} per 1,000 lines), ` +
      `${run.retries} retries, ${run.resent} lines resent after the restart, ${sandbox.count(PUTS)} PUTs seen by the sandbox, ${Math.round(elapsed / 1000)} s`,
  );
});

test('with 20% 500s and 10% 429s every line arrives exactly once, and the retries are counted in the run', async ({ page }) => {
  test.setTimeout(360_000);
  requireSharedDatasets();
  const sales = retailSales(LINES, e2eTempDir('runs-faults'));
  sandbox = await startRunsSandbox({ failRate: 0.2, throttleRate: 0.1, seed: 2024 });
  await seedRunsProducts(account, sales.productIds);
  dashboard = await startRunsDashboard();
  const started = Date.now();
  const runId = await startPush(page, sales.file, LINES, false, sales.notProducts);
  await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 300_000 });
  const elapsed = Date.now() - started;
  await expect(page.getByTestId('result-sent')).toHaveText(String(sales.accepted));
  await expect(page.getByTestId('result-rejected')).toHaveText('0');
  await expect(page.getByTestId('result-file-errors')).toHaveText(String(sales.notProducts));
  await expect(page.getByTestId('result-skipped')).toHaveText(String(sales.negative));
  const run = await runOf(page, runId);
  expect(run.retries).toBeGreaterThan(20);
  expect(run.requests).toBeGreaterThan(sales.orders + run.retries - 1);

  const held = await salesHeldBy(account, sales.productIds);
  expect(held).toEqual(sales.expected);
  const inSandbox = [...held.values()].reduce((s, h) => s + h.count, 0);
  console.info(
    `[faults] ${LINES} lines in the file, ${sales.accepted} accepted, ${inSandbox} in the sandbox after; ${run.requests} requests (${run.requestsPer1000Rows} per 1,000 lines), ` +
      `${run.retries} retries, ${sandbox.count(PUTS)} PUTs seen by the sandbox, ${Math.round(elapsed / 1000)} s`,
  );
});

test('without SESSION_SECRET a restarted dashboard cannot read a run\'s credentials: it waits, and carries on when the account connects again', async ({ page, context }) => {
  test.setTimeout(240_000);
  requireSharedDatasets();
  const sales = retailSales(3000, e2eTempDir('runs-credentials'));
  sandbox = await startRunsSandbox();
  await seedRunsProducts(account, sales.productIds);
  dashboard = await startRunsDashboard(undefined, { SESSION_SECRET: undefined });
  const dataDir = dashboard.dataDir;
  sandbox.latencyMs = 150;
  const runId = await startPush(page, sales.file, 3000, false, sales.notProducts);
  await expect.poll(() => sandbox!.count(PUTS), { timeout: 60_000, intervals: [100] }).toBeGreaterThan(20);
  await dashboard.kill();
  await page.close();

  // A new process, a new random key: the sealed credentials no longer open.
  dashboard = await startRunsDashboard(dataDir, { SESSION_SECRET: undefined });
  await expect.poll(() => runStateInDatabase(dataDir, runId)?.state, { timeout: 30_000 }).toBe('waiting-credentials');
  expect(runStateInDatabase(dataDir, runId)?.message).toContain('connect again');
  const puts = sandbox.count(PUTS);

  // The old cookie is unreadable too; connecting again resumes the run from the banner.
  const again = await context.newPage();
  await again.goto(`/history/${runId}`);
  await expect(again).toHaveURL(/\/connect/);
  await connect(again, account);
  await again.goto(`/history/${runId}`);
  await expect(again.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });
  expect(sandbox.count(PUTS)).toBeGreaterThan(puts);
  await expect(again.getByTestId('run-sent')).toHaveText(String(sales.accepted));
  sandbox.latencyMs = 0;
  expect(await salesHeldBy(account, sales.productIds)).toEqual(sales.expected);
});
