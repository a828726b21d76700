import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from './migrations';
import type { NewRunRow, RunStore } from './run-store';
import { UNKNOWN_OUTCOME_MESSAGE, isRunStoreError } from './run-store';
import { openSqliteRunStore } from './sqlite-run-store';
import { summarizeRun } from './run-summary';

const sealed = Buffer.from('sealed-credentials');
const dirs: string[] = [];
const stores: RunStore[] = [];

function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'run-store-'));
  dirs.push(dir);
  return path.join(dir, 'nested', 'runs.sqlite');
}

function open(file = ':memory:', clock?: { t: number }): RunStore {
  const store = openSqliteRunStore(file, clock ? { now: () => clock.t } : {});
  stores.push(store);
  return store;
}

afterEach(() => {
  for (const s of stores.splice(0)) {
    try {
      s.close();
    } catch {
      // already closed by the test
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const row = (rowNumber: number, batch: number, extra: Partial<NewRunRow> = {}): NewRunRow => ({
  rowNumber,
  batch,
  values: { productId: `P${rowNumber}` },
  status: 'pending',
  ...extra,
});

function startedRun(store: RunStore, rows: readonly NewRunRow[], accountId = 'acme') {
  const run = store.createRun({ accountId, dataset: 'products', fileName: 'p.csv', options: { fileRows: rows.length, batchRows: 2 } });
  store.addRows(run.id, rows);
  return store.startRun(run.id, rows.length, sealed);
}

function refused(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isRunStoreError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected the store to refuse');
}

describe('SQLite run store', () => {
  it('creates its folder and schema, and keeps runs across a reopen', () => {
    const file = tempFile();
    const first = open(file);
    const run = startedRun(first, [row(2, 0)]);
    first.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    db.close();
    const again = open(file);
    expect(again.getRun(run.id)).toMatchObject({ id: run.id, state: 'running', counts: { pending: 1, total: 1 } });
  });

  it('copies its log into the database from a thread of its own, never inside a commit', async () => {
    const file = tempFile();
    const store = open(file);
    const run = store.createRun({ accountId: 'acme', dataset: 'products', fileName: 'p.csv', options: { fileRows: 20_000, batchRows: 25 } });
    // ~37 MB of log: under the 10,000-page threshold at which a commit would checkpoint by itself.
    const rows = Array.from({ length: 20_000 }, (_, i) => row(i + 1, Math.floor(i / 25), { values: { productId: `P${i + 1}`, name: 'x'.repeat(200) } }));
    for (let i = 0; i < rows.length; i += 200) store.addRows(run.id, rows.slice(i, i + 200));
    const deadline = Date.now() + 5_000;
    while (statSync(file).size < 5_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(5_000_000);
    expect(store.getRun(run.id)!.counts.total).toBe(20_000);
  });

  it('starts only a complete upload, and freezes the rows once started', () => {
    const store = open();
    const run = store.createRun({ accountId: 'acme', dataset: 'products', fileName: 'p.csv', options: { fileRows: 3, batchRows: 2 } });
    store.addRows(run.id, [row(2, 0), row(3, 0)]);
    store.addRows(run.id, [row(3, 0)]); // a chunk sent twice replaces, it does not add
    expect(refused(() => store.startRun(run.id, 3, sealed))).toMatch(/^incomplete: The dashboard holds 2 of the 3 rows/);
    store.addRows(run.id, [row(4, 1)]);
    expect(store.startRun(run.id, 3, sealed)).toMatchObject({ state: 'running', expectedRows: 3 });
    expect(refused(() => store.addRows(run.id, [row(4, 1)]))).toMatch(/^conflict: This run has already started/);
    expect(refused(() => store.getRun('nope') ?? store.control('nope', 'pause'))).toMatch(/^not-found/);
  });

  it('hands out whole batches in order, records outcomes, finishes and wipes the credentials', () => {
    const store = open();
    const run = startedRun(store, [row(2, 0), row(3, 0), row(4, 1), row(5, 1, { status: 'rejected', rejectedBy: 'file', answer: 'bad' }), row(6, 2, { status: 'skipped' })]);
    expect(run.counts).toMatchObject({ total: 5, pending: 3, fileRejected: 1, skipped: 1 });
    const a = store.claimBatch();
    const b = store.claimBatch();
    expect(a?.rows.map((r) => r.rowNumber)).toEqual([2, 3]);
    expect(b?.rows.map((r) => [r.rowNumber, r.attempts])).toEqual([[4, 1]]);
    expect(store.claimBatch()).toBeNull();
    store.completeBatch(run.id, [{ rowNumber: 4, outcome: 'rejected', answer: 'Unknown product', retryable: false }], { requests: 1, retries: 0 });
    store.completeBatch(run.id, [
      { rowNumber: 2, outcome: 'sent', answer: 'Created in StockTrim.' },
      { rowNumber: 3, outcome: 'sent', answer: 'Updated in StockTrim.' },
    ], { requests: 3, retries: 1 });
    const done = store.getRun(run.id);
    expect(done).toMatchObject({ state: 'finished', requests: 4, retries: 1, counts: { sent: 2, rejected: 1, fileRejected: 1, skipped: 1, pending: 0 } });
    expect(store.sealedCredentials(run.id)).toBeNull();
    expect(store.listRows(run.id, { filter: 'rejected', offset: 0, limit: 10 }).rows.map((r) => [r.rowNumber, r.rejectedBy, r.answer])).toEqual([
      [4, 'stocktrim', 'Unknown product'],
      [5, 'file', 'bad'],
    ]);
  });

  it('records a batch and takes the lane\'s next one in the same transaction, and nothing new once paused', () => {
    const file = tempFile();
    const store = open(file);
    const run = startedRun(store, [row(2, 0), row(3, 1), row(4, 2), row(5, 3)]);
    const usage = { requests: 1, retries: 0 };
    store.claimBatch();
    const next = store.completeAndClaim(run.id, [{ rowNumber: 2, outcome: 'sent', answer: 'ok' }], usage);
    expect(next?.rows.map((r) => [r.rowNumber, r.attempts])).toEqual([[3, 1]]);
    expect(store.getRun(run.id)).toMatchObject({ requests: 1, counts: { sent: 1, pending: 3 } });
    store.control(run.id, 'pause');
    expect(store.completeAndClaim(run.id, [{ rowNumber: 3, outcome: 'sent', answer: 'ok' }], usage)).toBeNull();
    expect(store.getRun(run.id)).toMatchObject({ state: 'paused', counts: { sent: 2, pending: 2 } });
    store.control(run.id, 'resume', sealed);
    store.claimBatch();
    expect(store.completeAndClaim(run.id, [{ rowNumber: 4, outcome: 'sent', answer: 'ok' }], usage)?.rows.map((r) => r.rowNumber)).toEqual([5]);
    store.close(); // dies with the batch it took with the last outcomes: that batch is in doubt like any other
    const after = open(file);
    expect(after.recoverInterrupted(() => true)).toEqual({ resent: 1, unknown: 0 });
    expect(after.getRun(run.id)).toMatchObject({ state: 'running', counts: { sent: 3, pending: 1 } });
    after.claimBatch();
    expect(after.completeAndClaim(run.id, [{ rowNumber: 5, outcome: 'sent', answer: 'ok' }], usage)).toBeNull();
    expect(after.getRun(run.id)).toMatchObject({ state: 'finished', counts: { sent: 4, pending: 0 } });
    expect(after.sealedCredentials(run.id)).toBeNull();
  });

  it('pauses, resumes and cancels; rows not sent at a cancel stay pending and are reported as not sent', () => {
    const store = open();
    const run = startedRun(store, [row(2, 0), row(3, 1), row(4, 2)]);
    const first = store.claimBatch();
    expect(store.control(run.id, 'pause').state).toBe('paused');
    expect(store.claimBatch()).toBeNull();
    // The batch that was on its way when the user paused still lands.
    store.completeBatch(run.id, [{ rowNumber: first!.rows[0]!.rowNumber, outcome: 'sent', answer: 'ok' }], { requests: 1, retries: 0 });
    expect(store.control(run.id, 'resume', sealed).state).toBe('running');
    expect(store.claimBatch()?.rows.map((r) => r.rowNumber)).toEqual([3]);
    const cancelled = store.control(run.id, 'cancel');
    expect(cancelled).toMatchObject({ state: 'cancelled', counts: { sent: 1, pending: 0, notSent: 2 } });
    expect(store.sealedCredentials(run.id)).toBeNull();
    store.completeBatch(run.id, [{ rowNumber: 3, outcome: 'sent', answer: 'ok' }], { requests: 1, retries: 0 });
    expect(store.getRun(run.id)).toMatchObject({ state: 'cancelled', counts: { sent: 2, notSent: 1 } });
    expect(store.listRows(run.id, { filter: 'not-sent', offset: 0, limit: 10 }).rows.map((r) => r.rowNumber)).toEqual([4]);
    expect(refused(() => store.control(run.id, 'resume', sealed))).toMatch(/^conflict/);
  });

  it('after a crash, rows that were on their way go again for idempotent datasets and are "outcome unknown" for others', () => {
    const file = tempFile();
    const store = open(file);
    const safe = startedRun(store, [row(2, 0), row(3, 1)]);
    const other = store.createRun({ accountId: 'acme', dataset: 'not-idempotent', fileName: 'x.csv', options: { fileRows: 1, batchRows: 1 } });
    store.addRows(other.id, [row(2, 0)]);
    store.startRun(other.id, 1, sealed);
    expect(store.claimBatch()?.runId).toBe(safe.id);
    expect(store.claimBatch()?.runId).toBe(other.id);
    store.close(); // the process dies with both batches in flight

    const after = open(file);
    expect(after.recoverInterrupted((d) => d === 'products')).toEqual({ resent: 1, unknown: 1 });
    expect(after.getRun(safe.id)).toMatchObject({ state: 'running', resent: 1, counts: { pending: 2 } });
    expect(after.getRun(other.id)).toMatchObject({ state: 'finished', counts: { rejected: 1 } });
    expect(after.listRows(other.id, { filter: 'rejected', offset: 0, limit: 1 }).rows[0]?.answer).toBe(UNKNOWN_OUTCOME_MESSAGE);
    const again = after.claimBatch();
    expect(again?.rows).toEqual([{ rowNumber: 2, values: { productId: 'P2' }, attempts: 2 }]);
  });

  it('keeps a row that failed for a passing reason back until its back-off is over', () => {
    const clock = { t: 1_000 };
    const store = open(':memory:', clock);
    const run = startedRun(store, [row(2, 0)]);
    store.claimBatch();
    store.completeBatch(run.id, [{ rowNumber: 2, outcome: 'again', answer: 'HTTP 503', notBefore: 5_000 }], { requests: 5, retries: 4 });
    expect(store.getRun(run.id)).toMatchObject({ state: 'running', counts: { pending: 1 } });
    expect(store.claimBatch()).toBeNull();
    clock.t = 5_000;
    expect(store.claimBatch()?.rows[0]?.attempts).toBe(2);
  });

  it('retries only failed rows, with the fixes given, in a new round', () => {
    const store = open();
    const run = startedRun(store, [row(2, 0), row(3, 0), row(4, 1), row(5, 2, { status: 'rejected', rejectedBy: 'file', answer: 'bad code' })]);
    store.claimBatch();
    store.claimBatch();
    store.completeBatch(run.id, [
      { rowNumber: 2, outcome: 'sent', answer: 'ok' },
      { rowNumber: 3, outcome: 'rejected', answer: 'Unknown product P3', retryable: false },
    ], { requests: 1, retries: 0 });
    expect(refused(() => store.retry(run.id, { fixes: [], start: true, sealedCredentials: sealed, wholeRecords: false }))).toMatch(/^conflict: This run is still going/);
    store.completeBatch(run.id, [{ rowNumber: 4, outcome: 'rejected', answer: 'HTTP 500', retryable: true }], { requests: 1, retries: 0 });

    const fixes = [
      { rowNumber: 3, values: { productId: 'P3-fixed' }, problem: null, recordKey: null },
      { rowNumber: 2, values: { productId: 'already sent' }, problem: null, recordKey: null },
    ];
    expect(store.retry(run.id, { fixes, start: false, sealedCredentials: sealed, wholeRecords: false })).toMatchObject({ fixed: 1, ignored: 1 });
    const retried = store.retry(run.id, { fixes: [{ rowNumber: 5, values: { productId: 'P5' }, problem: null, recordKey: null }], start: true, sealedCredentials: sealed, wholeRecords: false });
    expect(retried.run).toMatchObject({ state: 'running', round: 2, counts: { sent: 1, pending: 3, rejected: 0, fileRejected: 0 } });
    const claimed = [store.claimBatch(), store.claimBatch(), store.claimBatch()].flatMap((b) => b?.rows ?? []);
    expect(claimed.map((r) => [r.rowNumber, r.values.productId])).toEqual([
      [3, 'P3-fixed'],
      [4, 'P4'],
      [5, 'P5'],
    ]);
    expect(store.claimBatch()).toBeNull();
  });

  it('for records replaced whole, a retried line goes again with the rest of its record', () => {
    const store = open();
    const run = startedRun(store, [
      row(2, 0, { recordKey: 'PO-1' }),
      row(3, 0, { recordKey: 'PO-1' }),
      row(4, 1, { recordKey: 'PO-2' }),
      row(5, 2, { status: 'rejected', rejectedBy: 'file', answer: 'bad quantity' }),
    ]);
    for (let i = 0; i < 2; i++) store.claimBatch();
    store.completeBatch(run.id, [
      { rowNumber: 2, outcome: 'sent', answer: 'ok' },
      { rowNumber: 3, outcome: 'rejected', answer: 'Unknown product', retryable: false },
      { rowNumber: 4, outcome: 'sent', answer: 'ok' },
    ], { requests: 2, retries: 0 });
    // Row 5 was a line of PO-2 that the file check refused; fixed, it joins PO-2's batch.
    const fixes = [
      { rowNumber: 3, values: { productId: 'P3b' }, problem: null, recordKey: 'PO-1' },
      { rowNumber: 5, values: { productId: 'P5' }, problem: null, recordKey: 'PO-2' },
    ];
    store.retry(run.id, { fixes, start: true, sealedCredentials: sealed, wholeRecords: true });
    expect(store.claimBatch()?.rows.map((r) => r.rowNumber)).toEqual([2, 3]);
    expect(store.claimBatch()?.rows.map((r) => r.rowNumber)).toEqual([4, 5]);
    expect(store.claimBatch()).toBeNull();
  });

  it('does not resend rows a cancel left behind when failed rows are retried', () => {
    const store = open();
    const run = startedRun(store, [row(2, 0), row(3, 1)]);
    store.claimBatch();
    store.control(run.id, 'cancel');
    store.completeBatch(run.id, [{ rowNumber: 2, outcome: 'rejected', answer: 'no', retryable: false }], { requests: 1, retries: 0 });
    store.retry(run.id, { fixes: [{ rowNumber: 2, values: { productId: 'P2b' }, problem: null, recordKey: null }], start: true, sealedCredentials: sealed, wholeRecords: false });
    expect(store.getRun(run.id)?.counts).toMatchObject({ pending: 1, notSent: 1 });
    expect(store.claimBatch()?.rows.map((r) => r.rowNumber)).toEqual([2]);
    expect(store.claimBatch()).toBeNull();
  });

  it('lists an account\'s runs only, newest first, and the active ones on their own', () => {
    const clock = { t: 1 };
    const store = open(':memory:', clock);
    const a = startedRun(store, [row(2, 0)], 'acme');
    clock.t = 2;
    const b = store.createRun({ accountId: 'acme', dataset: 'products', fileName: 'b.csv', options: { fileRows: 0, batchRows: 1 } });
    store.startRun(b.id, 0, sealed);
    startedRun(store, [row(2, 0)], 'other');
    clock.t = 3;
    // Still uploading, its first batch already sent: active, and not finished by that.
    const c = store.createRun({ accountId: 'acme', dataset: 'products', fileName: 'c.csv', options: { fileRows: 4, batchRows: 2 } });
    store.addRows(c.id, [row(2, 0), row(3, 0)], { readyBatches: 1, sealedCredentials: sealed });
    const taken = [store.claimBatch()!, store.claimBatch()!, store.claimBatch()!];
    const claimed = taken.find((t) => t.runId === c.id)!;
    for (const t of taken) if (t !== claimed) store.releaseBatch(t.runId, t.rows.map((r) => r.rowNumber), { kind: 'not-sent' }, { requests: 0, retries: 0 });
    store.completeBatch(c.id, claimed.rows.map((r) => ({ rowNumber: r.rowNumber, outcome: 'sent', answer: 'ok' })), { requests: 1, retries: 0 });
    expect(store.getRun(c.id)?.state).toBe('uploading');
    expect(store.listRuns('acme').map((r) => r.id)).toEqual([c.id, b.id, a.id]);
    expect(store.listRuns('acme', { activeOnly: true }).map((r) => r.id)).toEqual([c.id, a.id]);
    expect(store.getRun(b.id)?.state).toBe('finished');
  });
  it('a run cancelled mid-upload counts the rows that never arrived as not sent, and says so', () => {
    const store = open();
    const run = store.createRun({ accountId: 'acme', dataset: 'products', fileName: 'p.csv', options: { fileRows: 10, batchRows: 2 } });
    store.addRows(run.id, [row(2, 0), row(3, 0), row(4, 1)], { readyBatches: 1, sealedCredentials: sealed });
    const taken = store.claimBatch()!;
    store.completeBatch(run.id, taken.rows.map((r) => ({ rowNumber: r.rowNumber, outcome: 'sent', answer: 'ok' })), { requests: 1, retries: 0 });
    const cancelled = store.control(run.id, 'cancel');
    expect(cancelled.message).toMatch(/^Cancelled while the import page was still uploading.*the rest of the file was not sent/);
    const summary = summarizeRun(cancelled);
    // 2 sent + 1 stored but not sent + 7 that never reached the dashboard = the file's 10 rows.
    expect(summary.counts).toMatchObject({ total: 10, sent: 2, notSent: 8, pending: 0 });
    // A run that was started (every row arrived) is counted from its rows alone.
    const whole = startedRun(store, [row(2, 0), row(3, 0)]);
    expect(summarizeRun(store.control(whole.id, 'cancel')).counts).toMatchObject({ total: 2, notSent: 2 });
  });

  describe('sending while the upload goes on', () => {
    const other = Buffer.from('other-credentials');

    function uploading(store: RunStore, dataset = 'products') {
      return store.createRun({ accountId: 'acme', dataset, fileName: 'p.csv', options: { fileRows: 6, batchRows: 2 } });
    }

    it('sends only the batches the page said are complete, stays uploading, and finishes only once started', () => {
      const store = open();
      const run = uploading(store);
      store.addRows(run.id, [row(2, 0), row(3, 0), row(4, 1)]);
      expect(store.claimBatch()).toBeNull(); // no readyBatches: nothing goes before the start, as before
      store.addRows(run.id, [row(5, 1)], { readyBatches: 1, sealedCredentials: sealed });
      expect(store.sealedCredentials(run.id)).toEqual(sealed);
      const first = store.claimBatch();
      expect(first?.rows.map((r) => r.rowNumber)).toEqual([2, 3]);
      expect(store.claimBatch()).toBeNull(); // batch 1 may still grow
      store.completeBatch(run.id, first!.rows.map((r) => ({ rowNumber: r.rowNumber, outcome: 'sent' as const, answer: 'ok' })), { requests: 1, retries: 0 });
      // Every ready row is done, but the upload is not: the run neither finishes nor loses its credentials.
      expect(store.getRun(run.id)).toMatchObject({ state: 'uploading', readyBatches: 1, counts: { sent: 2, pending: 2 } });
      expect(store.getRun(run.id)?.startedAt).not.toBeNull();
      expect(store.sealedCredentials(run.id)).toEqual(sealed);
      store.addRows(run.id, [row(6, 2)], { readyBatches: 3, sealedCredentials: sealed });
      // A lower readyBatches later does not take back what was said.
      store.addRows(run.id, [row(7, 3)], { readyBatches: 2, sealedCredentials: sealed });
      expect(store.getRun(run.id)?.readyBatches).toBe(3);
      const next = [store.claimBatch(), store.claimBatch()];
      expect(next.map((b) => b?.rows.map((r) => r.rowNumber))).toEqual([[4, 5], [6]]);
      expect(store.claimBatch()).toBeNull();
      expect(store.startRun(run.id, 6, sealed)).toMatchObject({ state: 'running', counts: { sent: 2, pending: 4 } });
      expect(store.claimBatch()?.rows.map((r) => r.rowNumber)).toEqual([7]);
      for (const b of next) store.completeBatch(run.id, b!.rows.map((r) => ({ rowNumber: r.rowNumber, outcome: 'sent' as const, answer: 'ok' })), { requests: 1, retries: 0 });
      store.completeBatch(run.id, [{ rowNumber: 7, outcome: 'sent', answer: 'ok' }], { requests: 1, retries: 0 });
      expect(store.getRun(run.id)).toMatchObject({ state: 'finished', requests: 4, counts: { sent: 6, pending: 0 } });
      expect(store.sealedCredentials(run.id)).toBeNull();
    });

    it('keeps rows already taken or sent when a chunk is sent again, and refuses new rows in a complete batch', () => {
      const store = open();
      const run = uploading(store);
      const chunk = [row(2, 0), row(3, 0), row(4, 1)];
      store.addRows(run.id, chunk, { readyBatches: 1, sealedCredentials: sealed });
      const taken = store.claimBatch();
      // The answer to the chunk was lost; the page sends it again while batch 0 is on its way.
      store.addRows(run.id, chunk, { readyBatches: 1, sealedCredentials: sealed });
      expect(store.claimBatch()).toBeNull();
      store.completeBatch(run.id, taken!.rows.map((r) => ({ rowNumber: r.rowNumber, outcome: 'sent' as const, answer: 'ok' })), { requests: 1, retries: 0 });
      store.addRows(run.id, chunk, { readyBatches: 1, sealedCredentials: sealed });
      expect(store.getRun(run.id)?.counts).toMatchObject({ total: 3, sent: 2, pending: 1 });
      expect(store.listRows(run.id, { filter: 'sent', offset: 0, limit: 10 }).rows.map((r) => [r.rowNumber, r.attempts])).toEqual([[2, 1], [3, 1]]);
      expect(refused(() => store.addRows(run.id, [row(4, 1), row(9, 0)]))).toMatch(/^conflict: Row 9 belongs to batch 0, which this upload already said was complete/);
      expect(store.getRun(run.id)?.counts.total).toBe(3); // nothing of the refused chunk was stored
    });

    it('a page that cancels mid-upload ends the run: sent rows stay sent, the rest are not sent', () => {
      const store = open();
      const run = uploading(store);
      store.addRows(run.id, [row(2, 0), row(3, 1), row(4, 2)], { readyBatches: 2, sealedCredentials: sealed });
      const taken = store.claimBatch();
      expect(refused(() => store.control(run.id, 'pause'))).toMatch(/^conflict: This run is still uploading/);
      expect(store.control(run.id, 'cancel')).toMatchObject({ state: 'cancelled', counts: { notSent: 3 } });
      expect(store.sealedCredentials(run.id)).toBeNull();
      expect(store.claimBatch()).toBeNull();
      store.completeBatch(run.id, taken!.rows.map((r) => ({ rowNumber: r.rowNumber, outcome: 'sent' as const, answer: 'ok' })), { requests: 1, retries: 0 });
      expect(store.getRun(run.id)).toMatchObject({ state: 'cancelled', counts: { sent: 1, notSent: 2 } });
      expect(refused(() => store.addRows(run.id, [row(5, 3)]))).toMatch(/^conflict: Cancelled while the import page was still uploading/);
    });

    it('cancels an upload the page stopped, after the time-out, with a message that says what happened', () => {
      const clock = { t: 1_000 };
      const store = open(':memory:', clock);
      const stopped = uploading(store);
      store.addRows(stopped.id, [row(2, 0), row(3, 1)], { readyBatches: 1, sealedCredentials: sealed });
      const taken = store.claimBatch();
      store.completeBatch(stopped.id, taken!.rows.map((r) => ({ rowNumber: r.rowNumber, outcome: 'sent' as const, answer: 'ok' })), { requests: 1, retries: 0 });
      const never = uploading(store); // opened, and no row ever came
      clock.t = 50_000;
      const going = uploading(store);
      store.addRows(going.id, [row(2, 0)]);
      clock.t = 1_000 + 60_000;
      expect(store.expireUploads(60_000)).toBe(0); // not yet: exactly at the time-out
      clock.t = 1_001 + 60_000;
      expect(store.expireUploads(60_000)).toBe(2);
      const ended = store.getRun(stopped.id);
      expect(ended).toMatchObject({ state: 'cancelled', counts: { sent: 1, notSent: 1 } });
      expect(ended?.message).toMatch(/^Cancelled: the import page stopped uploading this run's rows before the upload was complete \(nothing arrived for 1 minute\)\..*Push the file again/);
      expect(store.getRun(never.id)?.state).toBe('cancelled');
      expect(store.getRun(going.id)?.state).toBe('uploading');
      expect(store.sealedCredentials(stopped.id)).toBeNull();
      // A page that comes back late is told why, not that the run "has already started".
      expect(refused(() => store.addRows(stopped.id, [row(4, 2)]))).toMatch(/^conflict: Cancelled: the import page stopped uploading/);
      expect(refused(() => store.startRun(stopped.id, 3, sealed))).toMatch(/^conflict: Cancelled: the import page stopped uploading/);
    });

    it('stops sending while uploading when the credentials do not open, and carries on with the next chunk\'s', () => {
      const store = open();
      const run = uploading(store);
      store.addRows(run.id, [row(2, 0), row(3, 1), row(4, 2)], { readyBatches: 2, sealedCredentials: sealed });
      const taken = store.claimBatch();
      store.releaseBatch(run.id, taken!.rows.map((r) => r.rowNumber), { kind: 'not-sent' }, { requests: 0, retries: 0 });
      store.interrupt(run.id, { kind: 'credentials', message: 'Waiting for credentials' });
      expect(store.getRun(run.id)).toMatchObject({ state: 'uploading', message: 'Waiting for credentials' });
      expect(store.sealedCredentials(run.id)).toBeNull();
      expect(store.claimBatch()).toBeNull();
      store.addRows(run.id, [row(5, 3)], { readyBatches: 3, sealedCredentials: other });
      expect(store.getRun(run.id)).toMatchObject({ state: 'uploading', message: null });
      expect(store.claimBatch()?.rows).toEqual([{ rowNumber: 2, values: { productId: 'P2' }, attempts: 1 }]);
    });

    it('after a crash mid-upload, rows on their way are recovered and the upload carries on', () => {
      const file = tempFile();
      const store = open(file);
      const run = uploading(store);
      store.addRows(run.id, [row(2, 0), row(3, 1)], { readyBatches: 1, sealedCredentials: sealed });
      store.claimBatch();
      store.close();
      const after = open(file);
      expect(after.recoverInterrupted(() => true)).toEqual({ resent: 1, unknown: 0 });
      expect(after.getRun(run.id)).toMatchObject({ state: 'uploading', resent: 1, counts: { pending: 2 } });
      expect(after.claimBatch()?.rows.map((r) => [r.rowNumber, r.attempts])).toEqual([[2, 2]]);
      after.addRows(run.id, [row(4, 2)], { readyBatches: 3, sealedCredentials: sealed });
      expect(after.startRun(run.id, 3, sealed).state).toBe('running');
    });
  });
});
