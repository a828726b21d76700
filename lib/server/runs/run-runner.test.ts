import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '@/sandbox/server';
import { pushers } from '@/lib/server/push/pushers';
import { closeStockTrimPools, createStockTrimClient, type StockTrimCredentials } from '@/lib/stocktrim/client';
import { createCredentialBox } from './credential-box';
import { isResendSafe } from './resend-policy';
import { type RunRunner, createRunRunner } from './run-runner';
import type { NewRunRow, RunStore } from './run-store';
import { salesFixture, salesHeld, seedProducts } from './runs-test-support';
import { openSqliteRunStore } from './sqlite-run-store';

// Every test pushes to a real sandbox over HTTP and then reads back what it holds.
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const account = { id: 'runner', signature: 'runner-signature' };
const credentials: StockTrimCredentials = { authId: account.id, signature: account.signature };
const box = createCredentialBox('runner-test-secret-0123456789abcdef');
const fastRetry = { maxRetries: 4, baseDelayMs: 2, maxDelayMs: 20 };
const sandboxes: Sandbox[] = [];
const runners: RunRunner[] = [];
const stores: RunStore[] = [];

async function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const s = await startSandbox({ port: 0, accounts: [account], productDeleteDelayMs: 0, forecastDurationMs: 0, retryAfterSeconds: 0, seed: 11, ...options });
  sandboxes.push(s);
  return s;
}

function clientOf(url: string, creds = credentials, onRetry?: () => void) {
  return createStockTrimClient({ baseUrl: url, credentials: creds, retry: fastRetry, ...(onRetry ? { onRetry } : {}) });
}

/** For the test's own seeding and reading, which must get through whatever the faults. */
function patientClient(url: string) {
  return createStockTrimClient({ baseUrl: url, credentials, retry: { ...fastRetry, maxRetries: 12 } });
}

function runnerFor(store: RunStore, url: string, extra: { box?: typeof box } = {}) {
  const runner = createRunRunner({
    store,
    box: extra.box ?? box,
    lanes: 6,
    clientFor: (c, onRetry) => clientOf(url, c, onRetry),
    pusherFor: (d) => (d === 'products' || d === 'sales-orders' ? pushers[d] : null),
    resendSafe: isResendSafe,
    idleMs: 20,
    backoffMs: () => 10,
    log: () => {},
  });
  runners.push(runner);
  return runner;
}

function newStore(): RunStore {
  const store = openSqliteRunStore(':memory:');
  stores.push(store);
  return store;
}

function startRun(store: RunStore, dataset: string, rows: readonly NewRunRow[]) {
  const run = store.createRun({ accountId: account.id, dataset, fileName: `${dataset}.csv`, options: { fileRows: rows.length, batchRows: 25 } });
  for (let i = 0; i < rows.length; i += 1000) store.addRows(run.id, rows.slice(i, i + 1000));
  return store.startRun(run.id, rows.length, box.seal(run.id, credentials));
}

async function until(store: RunStore, runId: string, check: (state: string) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = store.getRun(runId)!;
    if (check(run.state)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.state}: ${JSON.stringify(run.counts)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  for (const s of stores.splice(0)) s.close();
});

afterAll(async () => {
  await closeStockTrimPools();
  await Promise.all(sandboxes.map((s) => s.close()));
});

describe('run runner against the sandbox', () => {
  it('with 20% 500s and 10% 429s, every one of 5,200 lines arrives exactly once and the retries are counted', async () => {
    const s = await sandbox({ failRate: 0.2, throttleRate: 0.1 });
    const fixture = salesFixture(260, 20, 400);
    await seedProducts(patientClient(s.url), fixture.productIds);
    const store = newStore();
    const run = startRun(store, 'sales-orders', fixture.rows);
    const started = Date.now();
    runnerFor(store, s.url).start();
    const done = await until(store, run.id, (st) => st === 'finished', 120_000);
    expect(done.counts).toMatchObject({ total: 5200, sent: 5200, rejected: 0, pending: 0 });
    expect(done.retries).toBeGreaterThan(50);
    expect(done.requests).toBeGreaterThanOrEqual(260 + done.retries);
    expect(await salesHeld(patientClient(s.url), fixture.productIds)).toEqual(fixture.expected);
    console.info(`[faults] 5200 lines, 260 orders: ${done.requests} requests, ${done.retries} retries, ${Date.now() - started} ms`);
  });

  it('after dying mid-request, resends the batches in doubt through the idempotent call: still exactly once', async () => {
    const s = await sandbox();
    const fixture = salesFixture(40, 10, 30, 'C');
    await seedProducts(clientOf(s.url), fixture.productIds);
    const store = newStore();
    const run = startRun(store, 'sales-orders', fixture.rows);
    // A process that claimed two batches and got their requests to StockTrim, then died
    // before recording anything.
    let inDoubt = 0;
    for (let i = 0; i < 2; i++) {
      const batch = store.claimBatch()!;
      const rows = batch.rows.map((r) => ({ rowNumber: r.rowNumber, values: r.values as Record<string, string | number> }));
      const outcomes = await pushers['sales-orders'](rows, { client: clientOf(s.url), concurrency: 1 });
      expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
      inDoubt += rows.length;
    }
    store.recoverInterrupted(isResendSafe);
    runnerFor(store, s.url).start();
    const done = await until(store, run.id, (st) => st === 'finished');
    expect(inDoubt).toBeGreaterThan(0);
    expect(done.resent).toBe(inDoubt);
    expect(done.counts.sent).toBe(400);
    expect(await salesHeld(clientOf(s.url), fixture.productIds)).toEqual(fixture.expected);
  });

  it('a rejected row never stops the others; its reason is kept, and retrying it fixed sends only it', async () => {
    const s = await sandbox();
    const fixture = salesFixture(30, 5, 20, 'R');
    await seedProducts(clientOf(s.url), fixture.productIds);
    const bad = fixture.rows[7]!;
    const rows = fixture.rows.map((r) => (r === bad ? { ...r, values: { ...r.values, productId: 'NOT-A-PRODUCT' } } : r));
    const store = newStore();
    const run = startRun(store, 'sales-orders', rows);
    const runner = runnerFor(store, s.url);
    runner.start();
    const done = await until(store, run.id, (st) => st === 'finished');
    expect(done.counts).toMatchObject({ sent: 149, rejected: 1 });
    const rejected = store.listRows(run.id, { filter: 'rejected', offset: 0, limit: 10 }).rows;
    expect(rejected.map((r) => r.rowNumber)).toEqual([bad.rowNumber]);
    expect(rejected[0]?.answer).toMatch(/ProductId/);

    const before = done.requests;
    store.retry(run.id, { fixes: [{ rowNumber: bad.rowNumber, values: bad.values, problem: null, recordKey: null }], start: true, sealedCredentials: box.seal(run.id, credentials), wholeRecords: false });
    runner.wake();
    const retried = await until(store, run.id, (st) => st === 'finished');
    expect(retried.counts).toMatchObject({ sent: 150, rejected: 0 });
    expect(retried.requests - before).toBe(1);
    const attempts = store.listRows(run.id, { filter: 'sent', offset: 0, limit: 1000 }).rows.map((r) => r.attempts);
    expect(attempts.filter((a) => a === 2)).toHaveLength(1);
    expect(await salesHeld(clientOf(s.url), fixture.productIds)).toEqual(fixture.expected);
  });

  it('waits for credentials it cannot read, and carries on when they are given again', async () => {
    const s = await sandbox();
    const fixture = salesFixture(4, 5, 5, 'W');
    await seedProducts(clientOf(s.url), fixture.productIds);
    const store = newStore();
    const run = startRun(store, 'sales-orders', fixture.rows);
    // As after a restart without SESSION_SECRET: the key is not the one the run was sealed with.
    const runner = runnerFor(store, s.url, { box: createCredentialBox('a-different-random-key-0123456789abcdef') });
    runner.start();
    const waiting = await until(store, run.id, (st) => st === 'waiting-credentials');
    expect(waiting.message).toMatch(/connect again/);
    expect(waiting.counts.pending).toBe(20);
    expect(store.sealedCredentials(run.id)).toBeNull();
    await runner.stop();

    runnerFor(store, s.url).start();
    store.control(run.id, 'resume', box.seal(run.id, credentials));
    const done = await until(store, run.id, (st) => st === 'finished');
    expect(done.counts.sent).toBe(20);
  });

  it('stops for credentials StockTrim refuses, without losing a row', async () => {
    const s = await sandbox();
    const store = newStore();
    const rows: NewRunRow[] = [2, 3, 4].map((n, i) => ({ rowNumber: n, batch: i, values: { productId: `A${n}` }, status: 'pending' }));
    const run = store.createRun({ accountId: account.id, dataset: 'products', fileName: 'p.csv', options: { fileRows: 3, batchRows: 1 } });
    store.addRows(run.id, rows);
    store.startRun(run.id, 3, box.seal(run.id, { authId: account.id, signature: 'revoked' }));
    runnerFor(store, s.url).start();
    const waiting = await until(store, run.id, (st) => st === 'waiting-credentials');
    expect(waiting.message).toMatch(/StockTrim refused/);
    expect(waiting.counts).toMatchObject({ pending: 3, sent: 0, rejected: 0 });
    store.control(run.id, 'resume', box.seal(run.id, credentials));
    expect((await until(store, run.id, (st) => st === 'finished')).counts.sent).toBe(3);
  });
});
