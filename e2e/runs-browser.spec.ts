import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import Papa from 'papaparse';
import type { RunSummary } from '../lib/server/runs/run-api';
import { connect, dropFile, e2eTempDir, requireSharedDatasets, writeTempFile } from './e2e-helpers';
import {
  RUNS_DASHBOARD_URL,
  type RunsDashboard,
  type RunsSandbox,
  runsAccounts,
  salesHeldBy,
  seedRunsProducts,
  startRunsDashboard,
  startRunsSandbox,
} from './runs-support';
import { retailSales } from './retail-sales';

// Own sandbox and dashboard (ports 3370 / 4370): the first test needs StockTrim slow.
test.use({ baseURL: RUNS_DASHBOARD_URL });
test.describe.configure({ mode: 'serial' });

const owner = runsAccounts.owner;
const other = runsAccounts.other;
const origin = RUNS_DASHBOARD_URL;
let sandbox: RunsSandbox | null = null;
let dashboard: RunsDashboard | null = null;

test.beforeEach(async () => {
  sandbox = await startRunsSandbox();
  dashboard = await startRunsDashboard();
});

test.afterEach(async () => {
  await dashboard?.kill();
  await sandbox?.close();
  dashboard = null;
  sandbox = null;
});

test('closing the browser mid-run does not stop it; a new browser sees it carry on, and another account cannot see or touch it', async ({ playwright, launchOptions }) => {
  test.setTimeout(300_000);
  requireSharedDatasets();
  const sales = retailSales(6000, e2eTempDir('runs-browser'));
  await seedRunsProducts(owner, sales.productIds);
  sandbox!.latencyMs = 300;

  const first = await playwright.chromium.launch(launchOptions);
  const page = await (await first.newContext({ baseURL: RUNS_DASHBOARD_URL })).newPage();
  await connect(page, owner);
  await page.goto('/import/sales-orders');
  await dropFile(page, sales.file);
  await expect(page.getByTestId('loaded-file')).toContainText('6,000 rows');
  await page.getByRole('button', { name: /Send [\d,]+ rows to StockTrim/ }).click();
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-run-state', 'running', { timeout: 60_000 });
  const runId = (await page.getByTestId('run-progress').getByRole('link', { name: 'History' }).getAttribute('href'))?.split('/').at(-1) as string;
  await expect(page.getByTestId('push-progress')).not.toContainText(/^0 of/, { timeout: 30_000 });
  await first.close();
  const putsAtClose = sandbox!.count('PUT /api/salesordersbulk');
  expect(putsAtClose).toBeLessThan(sales.orders);

  const second = await playwright.chromium.launch(launchOptions);
  try {
    const context = await second.newContext({ baseURL: RUNS_DASHBOARD_URL });
    const again = await context.newPage();
    await connect(again, owner);
    // Every page shows the run while it goes, with progress that moves.
    const banner = again.getByTestId('active-run').filter({ has: again.locator(`[href="/history/${runId}"]`) });
    await expect(banner).toBeVisible();
    const doneOf = async () => Number((/^([\d,]+) of/.exec((await banner.getByTestId('active-run-progress').textContent()) ?? '')?.[1] ?? '-1').replaceAll(',', ''));
    const seen = await doneOf();
    expect(seen).toBeGreaterThan(0);
    await expect.poll(doneOf, { timeout: 30_000 }).toBeGreaterThan(seen);
    expect(sandbox!.count('PUT /api/salesordersbulk')).toBeGreaterThan(putsAtClose);

    // Another StockTrim account, in its own browser context: 403 for every look and every control.
    const stranger = await (await second.newContext({ baseURL: RUNS_DASHBOARD_URL })).newPage();
    await connect(stranger, other);
    const api = stranger.request;
    expect((await api.get(`/api/runs/${runId}`)).status()).toBe(403);
    expect((await api.get(`/api/runs/${runId}/rows?filter=all`)).status()).toBe(403);
    expect((await api.get(`/api/runs/${runId}/rejected-rows`)).status()).toBe(403);
    for (const action of ['pause', 'cancel', 'resume']) {
      const res = await api.post(`/api/runs/${runId}/control`, { data: { action }, headers: { origin } });
      expect(res.status()).toBe(403);
      expect(await res.text()).toContain('belongs to another StockTrim account');
    }
    expect((await api.post(`/api/runs/${runId}/retry`, { data: {}, headers: { origin } })).status()).toBe(403);
    const theirs = (await (await api.get('/api/runs')).json()) as { runs: RunSummary[] };
    expect(theirs.runs.map((r) => r.id)).not.toContain(runId);
    await stranger.goto(`/history/${runId}`);
    await expect(stranger.getByText('belongs to another StockTrim account')).toBeVisible();
    await expect(stranger.getByTestId('active-run')).toHaveCount(0);

    // The run ends on its own; the owner's history says so, and StockTrim holds each line once.
    await again.goto(`/history/${runId}`);
    await expect(again.getByTestId('run-state')).toHaveText('Finished', { timeout: 120_000 });
    await expect(again.getByTestId('run-sent')).toHaveText(String(sales.accepted));
    await expect(again.getByTestId('active-run')).toHaveCount(0);
    await again.goto('/history');
    await expect(again.getByTestId('run-history-row').filter({ has: again.locator(`[href="/history/${runId}"]`) })).toContainText('Finished with');
    sandbox!.latencyMs = 0;
    expect(await salesHeldBy(owner, sales.productIds)).toEqual(sales.expected);
  } finally {
    await second.close();
  }
});

test('cancelled mid-upload: the page says how many rows were already sent, and History accounts for the whole file', async ({ page }) => {
  test.setTimeout(120_000);
  requireSharedDatasets();
  const sales = retailSales(6000, e2eTempDir('runs-cancel-upload'));
  await seedRunsProducts(owner, sales.productIds);
  await connect(page, owner);
  await page.goto('/import/sales-orders');
  await dropFile(page, sales.file);
  await expect(page.getByTestId('loaded-file')).toContainText('6,000 rows');
  // The page's third chunk is held back, so the cancel comes while the upload is under way and
  // the first chunks' complete orders are already being sent.
  let chunks = 0;
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/runs/*/rows', async (route) => {
    if (route.request().method() === 'POST' && ++chunks === 3) await held;
    await route.continue().catch(() => undefined);
  });
  await page.getByRole('button', { name: /Send [\d,]+ rows to StockTrim/ }).click();
  await expect.poll(() => sandbox!.count('PUT /api/salesordersbulk'), { timeout: 30_000 }).toBeGreaterThan(10);
  await expect.poll(() => chunks, { timeout: 30_000 }).toBe(3);
  await page.getByTestId('run-upload').getByRole('button', { name: 'Cancel' }).click();
  release();
  await expect(page.getByRole('alert').filter({ hasText: 'Push cancelled after' })).toContainText(/Push cancelled after [\d,]+ rows had already been sent to StockTrim; the rest of the file was not sent/, { timeout: 30_000 });
  await expect(page.getByTestId('push-result')).toBeVisible();
  await expect(page.getByTestId('push-result')).toContainText('Every row is accounted for.');
  const figure = async (id: string) => Number(((await page.getByTestId(id).textContent()) ?? '').replaceAll(',', ''));
  const sent = await figure('result-sent');
  expect(sent).toBeGreaterThan(0);
  expect(sent).toBeLessThan(6000);
  // What the page says was sent is what StockTrim holds.
  const heldLines = [...(await salesHeldBy(owner, sales.productIds)).values()].reduce((n, h) => n + h.count, 0);
  expect(heldLines).toBe(sent);
  expect(sent + (await figure('result-not-sent')) + (await figure('result-skipped')) + (await figure('result-file-errors')) + (await figure('result-rejected'))).toBe(6000);
  // History: the run adds up to the file's rows, and says what happened.
  const runs = (await (await page.request.get('/api/runs')).json()) as { runs: RunSummary[] };
  const run = runs.runs[0]!;
  expect(run.state).toBe('cancelled');
  expect(run.counts.sent).toBe(sent);
  expect(run.counts.sent + run.counts.rejected + run.counts.fileRejected + run.counts.skipped + run.counts.notSent).toBe(6000);
  await page.goto(`/history/${run.id}`);
  await expect(page.getByTestId('run-message')).toContainText('Cancelled while the import page was still uploading');
  await expect(page.getByTestId('run-not-sent')).not.toHaveText('0');
});

test('a rejected row never stops the others; its reason is kept and downloadable; fixed and retried, only it is sent', async ({ page }) => {
  test.setTimeout(120_000);
  const products = Array.from({ length: 10 }, (_, i) => `SKU-${i + 1}`);
  await seedRunsProducts(owner, products);
  const rows: string[][] = [];
  for (let order = 1; order <= 8; order++) {
    for (let line = 0; line < 5; line++) rows.push([`INV-${order}`, products[(order + line) % 10] as string, String(order + line), `2025-02-0${(order % 9) + 1} 10:00:00`]);
  }
  // One line of the second invoice names a product StockTrim does not have.
  rows[6] = ['INV-2', 'NO-SUCH-SKU', '4', '2025-02-03 10:00:00'];
  const badRowNumber = 6 + 2;
  const file = writeTempFile(e2eTempDir('runs-rejected'), 'sales-with-a-typo.csv', Papa.unparse([['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate'], ...rows]));

  await connect(page, owner);
  await page.goto('/import/sales-orders');
  await dropFile(page, file);
  await expect(page.getByTestId('loaded-file')).toContainText('40 rows');
  await page.getByRole('button', { name: 'Send 40 rows to StockTrim' }).click();
  await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('result-sent')).toHaveText('39');
  await expect(page.getByTestId('result-rejected')).toHaveText('1');
  await expect(page.getByTestId('rejected-rows')).toContainText('ProductId');
  const historyLink = page.getByRole('link', { name: 'See this push in History' });
  const runId = (await historyLink.getAttribute('href'))?.split('/').at(-1) as string;

  // The reason is kept on the server, shown in History and in the CSV download.
  const detail = await page.context().newPage();
  await detail.goto(`/history/${runId}`);
  await expect(detail.getByTestId('run-rejected-rows')).toContainText(String(badRowNumber));
  await expect(detail.getByTestId('run-rejected-rows')).toContainText('ProductId');
  const [download] = await Promise.all([detail.waitForEvent('download'), detail.getByTestId('download-rejected').click()]);
  const csv = readFileSync((await download.path()) as string, 'utf8').replace(/^\uFEFF/, '');
  const [header, line, ...rest] = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
  expect(rest).toEqual([]);
  expect(header?.slice(0, 4)).toEqual(['Row', 'Outcome', 'Reason', 'Attempts']);
  expect(line?.[0]).toBe(String(badRowNumber));
  expect(line?.[1]).toBe('Rejected by StockTrim');
  expect(line?.[2]).toContain('ProductId');
  expect(line).toContain('NO-SUCH-SKU');
  await detail.close();

  // Fix the code in the grid and retry: one order request, carrying that one line.
  const putsBefore = sandbox!.count('PUT /api/salesordersbulk');
  await page.getByRole('button', { name: 'Back to the rows' }).click();
  await page.getByRole('button', { name: new RegExp(`^Product code, row ${badRowNumber}: NO-SUCH-SKU`) }).click();
  const editor = page.getByRole('textbox', { name: `Product code, row ${badRowNumber}` });
  await editor.fill('SKU-1');
  await editor.press('Enter');
  await page.getByTestId('retry-failed-rows').click();
  await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('result-sent')).toHaveText('40');
  await expect(page.getByTestId('result-rejected')).toHaveText('0');
  expect(sandbox!.count('PUT /api/salesordersbulk') - putsBefore).toBe(1);

  const res = await page.request.get(`/api/runs/${runId}/rows?filter=sent&limit=1000`);
  const sent = (await res.json()) as { rows: { rowNumber: number; attempts: number }[] };
  expect(sent.rows.filter((r) => r.attempts > 1).map((r) => r.rowNumber)).toEqual([badRowNumber]);
  const expected = new Map<string, { count: number; quantity: number }>(products.map((p) => [p, { count: 0, quantity: 0 }]));
  for (const r of rows) {
    const code = r[1] === 'NO-SUCH-SKU' ? 'SKU-1' : (r[1] as string);
    const e = expected.get(code)!;
    e.count += 1;
    e.quantity += Number(r[2]);
  }
  expect(await salesHeldBy(owner, products)).toEqual(expected);
});

test('the run routes refuse cross-site writes, oversized chunks and bad input, each with a message', async ({ page }) => {
  const api = page.request;
  expect((await api.get('/api/runs')).status()).toBe(401);
  await connect(page, owner);
  const create = { dataset: 'products', fileName: 'p.csv', fileRows: 2, batchRows: 25 };
  const created = await api.post('/api/runs', { data: create, headers: { origin } });
  expect(created.status()).toBe(201);
  const runId = ((await created.json()) as { run: RunSummary }).run.id;
  const oneRow = { rows: [{ kind: 'send', rowNumber: 2, batch: 0, values: { productId: 'LIMIT-1' } }] };

  const attacks: Record<string, string>[] = [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }];
  for (const evil of attacks) {
    const writes = [
      api.post('/api/runs', { data: create, headers: evil }),
      api.post(`/api/runs/${runId}/rows`, { data: oneRow, headers: evil }),
      api.post(`/api/runs/${runId}/start`, { data: { uploadedRows: 1 }, headers: evil }),
      api.post(`/api/runs/${runId}/control`, { data: { action: 'cancel' }, headers: evil }),
      api.post(`/api/runs/${runId}/retry`, { data: {}, headers: evil }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status()).toBe(403);
      expect(await res.text()).toContain('Cross-site requests are refused');
    }
  }

  const tooMany = { rows: Array.from({ length: 1001 }, (_, i) => ({ kind: 'send', rowNumber: i + 2, batch: 0, values: { productId: `BIG-${i}` } })) };
  const many = await api.post(`/api/runs/${runId}/rows`, { data: tooMany, headers: { origin } });
  expect(many.status()).toBe(413);
  expect(await many.text()).toContain('at most 1000 rows');
  const huge = await api.post(`/api/runs/${runId}/rows`, { data: { rows: [{ kind: 'send', rowNumber: 2, batch: 0, values: { productId: 'HUGE', name: 'x'.repeat(5 * 1024 * 1024) } }] }, headers: { origin } });
  expect(huge.status()).toBe(413);
  expect(await huge.text()).toContain('smaller chunks');

  const unknown = await api.post('/api/runs', { data: { ...create, dataset: 'widgets' }, headers: { origin } });
  expect(unknown.status()).toBe(400);
  expect(await unknown.text()).toContain('There is no dataset called');
  const badAction = await api.post(`/api/runs/${runId}/control`, { data: { action: 'explode' }, headers: { origin } });
  expect(badAction.status()).toBe(400);
  expect(await badAction.text()).toContain('action');
  expect((await api.get('/api/runs/not-a-run')).status()).toBe(404);
  expect((await api.get(`/api/runs/${runId}/rows?limit=5000`)).status()).toBe(400);

  // The server checks every row again: a bad value is kept as refused, with the reason.
  const bad = await api.post(`/api/runs/${runId}/rows`, {
    data: { rows: [...oneRow.rows, { kind: 'send', rowNumber: 3, batch: 0, values: { productId: 'LIMIT-2', cost: 'cheap' } }] },
    headers: { origin },
  });
  expect(await bad.json()).toEqual({ received: 2, rejected: 1 });
  const early = await api.post(`/api/runs/${runId}/start`, { data: { uploadedRows: 3 }, headers: { origin } });
  expect(early.status()).toBe(409);
  expect(await early.text()).toContain('holds 2 of the 3 rows');
  const start = await api.post(`/api/runs/${runId}/start`, { data: { uploadedRows: 2 }, headers: { origin } });
  expect(start.status()).toBe(200);
  await expect.poll(async () => ((await (await api.get(`/api/runs/${runId}`)).json()) as { run: RunSummary }).run.state).toBe('finished');
  const rows = (await (await api.get(`/api/runs/${runId}/rows?filter=all`)).json()) as { rows: { rowNumber: number; status: string; rejectedBy: string | null; answer: string }[] };
  expect(rows.rows.map((r) => [r.rowNumber, r.status, r.rejectedBy])).toEqual([
    [2, 'sent', null],
    [3, 'rejected', 'dashboard'],
  ]);
  expect(rows.rows[1]?.answer).toContain('Row 3');
  const late = await api.post(`/api/runs/${runId}/rows`, { data: oneRow, headers: { origin } });
  expect(late.status()).toBe(409);
});
