import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '@/sandbox/server';
import { pushers } from '@/lib/server/push/pushers';
import { closeStockTrimPools, createStockTrimClient, type StockTrimCredentials } from '@/lib/stocktrim/client';
import { createCredentialBox } from './credential-box';
import { isResendSafe } from './resend-policy';
import { type RunRunner, createRunRunner } from './run-runner';
import type { NewRunRow, RunStore } from './run-store';
import type { Pusher } from '@/lib/server/push/pusher';
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

function runnerFor(store: RunStore, url: string, extra: { box?: typeof box; uploadIdleMs?: number } = {}) {
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
    ...(extra.uploadIdleMs !== undefined ? { uploadIdleMs: extra.uploadIdleMs } : {}),
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
  it('sends the complete batches while the upload goes on: every line once, one request per order', async () => {
    const s = await sandbox();
    const fixture = salesFixture(120, 7, 60, 'U');
    await seedProducts(clientOf(s.url), fixture.productIds);
    const store = newStore();
    const run = store.createRun({ accountId: account.id, dataset: 'sales-orders', fileName: 'u.csv', options: { fileRows: fixture.rows.length, batchRows: 25 } });
    runnerFor(store, s.url).start();
    const ready = { readyBatches: 0, sealedCredentials: box.seal(run.id, credentials) };
    let sentWhileUploading = 0;
    for (let i = 0; i < fixture.rows.length; i += 100) {
      const chunk = fixture.rows.slice(i, i + 100);
      const next = fixture.rows[i + 100];
      // As the page says it: batches below the one the next chunk starts with are whole.
      const readyBatches = next ? next.batch : chunk.at(-1)!.batch + 1;
      store.addRows(run.id, chunk, { ...ready, readyBatches });
      // A chunk whose answer was lost is sent again; rows on their way or sent are kept.
      if (i === 300) store.addRows(run.id, chunk, { ...ready, readyBatches });
      await new Promise((r) => setTimeout(r, 60));
      const now = store.getRun(run.id)!;
      expect(now.state).toBe('uploading');
      sentWhileUploading = now.counts.sent;
    }
    expect(sentWhileUploading).toBeGreaterThan(fixture.rows.length / 2);
    store.startRun(run.id, fixture.rows.length, box.seal(run.id, credentials));
    const done = await until(store, run.id, (st) => st === 'finished');
    expect(done.counts).toMatchObject({ total: 840, sent: 840, rejected: 0, pending: 0 });
    // 120 orders of 7 lines: one request each, so no order was split over two.
    expect(done.requests).toBe(120);
    expect(done.resent).toBe(0);
    expect(await salesHeld(clientOf(s.url), fixture.productIds)).toEqual(fixture.expected);
  });

  it('cancels a run whose upload stopped half-way, after the time-out, keeping what was sent', async () => {
    const s = await sandbox();
    const fixture = salesFixture(20, 5, 10, 'T');
    await seedProducts(clientOf(s.url), fixture.productIds);
    const store = newStore();
    const run = store.createRun({ accountId: account.id, dataset: 'sales-orders', fileName: 't.csv', options: { fileRows: 100, batchRows: 25 } });
    runnerFor(store, s.url, { uploadIdleMs: 300 }).start();
    const half = fixture.rows.filter((r) => r.batch < 2);
    store.addRows(run.id, half, { readyBatches: 2, sealedCredentials: box.seal(run.id, credentials) });
    // The page goes away: nothing more arrives, and no start.
    const ended = await until(store, run.id, (st) => st === 'cancelled', 10_000);
    expect(ended.message).toMatch(/^Cancelled: the import page stopped uploading/);
    expect(ended.counts).toMatchObject({ sent: half.length, notSent: 0, pending: 0 });
    expect(store.sealedCredentials(run.id)).toBeNull();
    const held = await salesHeld(clientOf(s.url), fixture.productIds);
    expect([...held.values()].reduce((n, h) => n + h.count, 0)).toBe(half.length);
  });
  it('sends nothing more of a paused run, not even the batches its lanes took while their requests were out', async () => {
    // The pusher holds every batch until told, so the test knows exactly what was on its way.
    const calls: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const heldPusher: Pusher = async (rows) => {
      calls.push(rows.map((r) => r.rowNumber));
      await gate;
      return rows.map((r) => ({ rowNumber: r.rowNumber, status: 'sent' as const }));
    };
    const fixture = salesFixture(200, 5, 40, 'P');
    const store = newStore();
    const run = startRun(store, 'sales-orders', fixture.rows);
    const runner = createRunRunner({ store, box, lanes: 6, clientFor: (c) => clientOf('http://127.0.0.1:9', c), pusherFor: () => heldPusher, resendSafe: isResendSafe, idleMs: 20, log: () => {} });
    runners.push(runner);
    runner.start();
    const deadline = Date.now() + 5_000;
    while (calls.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    // Each lane has one batch out and has taken its next one.
    await new Promise((r) => setTimeout(r, 50));
    const claimed = store.listRows(run.id, { filter: 'pending', offset: 0, limit: 1000 }).rows.filter((r) => r.attempts > 0).length;
    expect(claimed).toBe(12 * 25);
    store.control(run.id, 'pause');
    release();
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toHaveLength(6);
    const paused = store.getRun(run.id)!;
    expect(paused.counts).toMatchObject({ sent: 6 * 25, pending: 1000 - 6 * 25 });
    // The six taken batches went back as if never taken.
    const pending = store.listRows(run.id, { filter: 'pending', offset: 0, limit: 1000 }).rows;
    expect(pending.every((r) => r.attempts === 0)).toBe(true);
    expect(store.recoverInterrupted(isResendSafe)).toEqual({ resent: 0, unknown: 0 });
  });
  it('a store that fails around a send does not stop the lane: the next batches still go', async () => {
    const fixture = salesFixture(20, 5, 10, 'F');
    const real = newStore();
    const run = startRun(real, 'sales-orders', fixture.rows);
    let failures = 0;
    // The first failed send's release cannot be written (disk full, say).
    const store: RunStore = Object.assign(Object.create(real) as RunStore, {
      releaseBatch: (...args: Parameters<RunStore['releaseBatch']>) => {
        if (failures++ === 0) throw new Error('disk I/O error');
        return real.releaseBatch(...args);
      },
    });
    let calls = 0;
    const flaky: Pusher = async (rows) => {
      if (calls++ === 0) throw new Error('connection reset');
      return rows.map((r) => ({ rowNumber: r.rowNumber, status: 'sent' as const }));
    };
    const logged: string[] = [];
    const runner = createRunRunner({ store, box, lanes: 1, clientFor: (c) => clientOf('http://127.0.0.1:9', c), pusherFor: () => flaky, resendSafe: isResendSafe, idleMs: 20, log: (m) => logged.push(m) });
    runners.push(runner);
    runner.start();
    // The first batch stays claimed (recovered on restart); the lane goes on after a pause.
    await until(real, run.id, () => real.getRun(run.id)!.counts.sent >= 75, 10_000);
    expect(logged.some((m) => m.includes('disk I/O error'))).toBe(true);
  });

  it('takes each lane\'s next batch with the last outcomes, and gives it back untouched when stopped', async () => {
    const s = await sandbox({ latencyMs: 5 });
    const fixture = salesFixture(200, 5, 40, 'S');
    await seedProducts(clientOf(s.url), fixture.productIds);
    const store = newStore();
    const run = startRun(store, 'sales-orders', fixture.rows);
    const runner = runnerFor(store, s.url);
    runner.start();
    await until(store, run.id, () => store.getRun(run.id)!.counts.sent >= 200);
    await runner.stop();
    // Nothing is left "on its way": the batches taken as the runner stopped went back unsent.
    expect(store.recoverInterrupted(isResendSafe)).toEqual({ resent: 0, unknown: 0 });
    const stopped = store.getRun(run.id)!;
    expect(stopped.counts.sent).toBeLessThan(1000);
    const attempts = store.listRows(run.id, { filter: 'pending', offset: 0, limit: 1000 }).rows.map((r) => r.attempts);
    expect(attempts.every((a) => a === 0)).toBe(true);
    runnerFor(store, s.url).start();
    const done = await until(store, run.id, (st) => st === 'finished');
    expect(done.counts.sent).toBe(1000);
    expect(done.requests).toBe(200);
    expect(await salesHeld(clientOf(s.url), fixture.productIds)).toEqual(fixture.expected);
  });
});
