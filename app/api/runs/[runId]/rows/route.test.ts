/**
 * The run routes as Next calls them, against a real sandbox over HTTP: opening a run, uploading
 * chunks that say which batches are complete (sent while the upload goes on), starting it.
 * Only the session cookie is stood in for (the connected account's credentials).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../../../../sandbox/server';
import { uploadRun, type RunUploadSource } from '@/lib/client/run-upload';
import { RUN_CHUNK_MAX_BYTES, type RunSummary, type UploadRow } from '@/lib/server/runs/run-api';
import type { PushRow } from '@/lib/import/import-types';
import { salesFixture, salesHeld, seedProducts } from '@/lib/server/runs/runs-test-support';
import { closeStockTrimPools, createStockTrimClient } from '@/lib/stocktrim/client';

const ACCOUNT = { id: 'runs-route', signature: 'runs-route-sig' };
const OTHER = { id: 'runs-route-other', signature: 'runs-route-other-sig' };
const session = vi.hoisted(() => ({ account: { authId: 'runs-route', signature: 'runs-route-sig' } }));

vi.mock('@/lib/server/session', () => ({ readCredentials: async () => session.account }));

type Handler = (request: Request, context: { params: Promise<{ runId: string }> }) => Promise<Response>;
let sandbox: RunningSandbox;
let dataDir: string;
let routes: { create: Handler; rows: Handler; start: Handler; get: Handler; control: Handler };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [ACCOUNT, OTHER], forecastDurationMs: 0, productDeleteDelayMs: 0, latencyMs: 5 });
  dataDir = mkdtempSync(path.join(tmpdir(), 'runs-route-'));
  vi.stubEnv('STOCKTRIM_BASE_URL', sandbox.url);
  vi.stubEnv('DATA_DIR', dataDir);
  vi.stubEnv('SESSION_SECRET', 'runs-route-test-secret-0123456789abcdef');
  vi.stubEnv('STOCKTRIM_CONCURRENCY', '4');
  routes = {
    create: (await import('../../route')).POST as unknown as Handler,
    rows: (await import('./route')).POST as unknown as Handler,
    start: (await import('../start/route')).POST as unknown as Handler,
    get: (await import('../route')).GET as unknown as Handler,
    control: (await import('../control/route')).POST as unknown as Handler,
  };
});

afterAll(async () => {
  const services = (globalThis as { __stocktrimRunServices?: { runner: { stop(): Promise<void> }; store: { close(): void } } }).__stocktrimRunServices;
  await services?.runner.stop();
  services?.store.close();
  vi.unstubAllEnvs();
  await closeStockTrimPools();
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function call(handler: Handler, runId: string, body?: unknown): Promise<Response> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const url = `http://localhost:3000/api/runs${runId ? `/${runId}` : ''}`;
  return handler(
    new Request(url, {
      method: text === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', host: 'localhost:3000', origin: 'http://localhost:3000', ...(text ? { 'content-length': String(Buffer.byteLength(text)) } : {}) },
      ...(text ? { body: text } : {}),
    }),
    { params: Promise.resolve({ runId }) },
  );
}

async function runOf(runId: string): Promise<RunSummary> {
  return ((await (await call(routes.get, runId)).json()) as { run: RunSummary }).run;
}

async function openRun(fileRows: number): Promise<string> {
  const res = await call(routes.create, '', { dataset: 'sales-orders', fileName: 'route.csv', fileRows, batchRows: 25 });
  expect(res.status).toBe(201);
  return ((await res.json()) as { run: RunSummary }).run.id;
}

const fixture = salesFixture(60, 6, 30, 'RT');
const uploadRows: UploadRow[] = fixture.rows.map((r) => ({ kind: 'send', rowNumber: r.rowNumber, batch: r.batch, values: r.values }));
const client = () => createStockTrimClient({ baseUrl: sandbox.url, credentials: { authId: ACCOUNT.id, signature: ACCOUNT.signature } });

async function until(runId: string, check: (run: RunSummary) => boolean, timeoutMs = 20_000): Promise<RunSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await runOf(runId);
    if (check(run)) return run;
    if (Date.now() > deadline) throw new Error(`run still ${run.state}: ${JSON.stringify(run.counts)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The page's fetch answered by the route handlers themselves; `seen` hears each call's route and body size. */
async function withPageFetch<T>(seen: (kind: string, bytes: number) => void, work: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost:3000');
    const parts = url.pathname.split('/').filter(Boolean); // api, runs, id?, action?
    const text = typeof init.body === 'string' ? init.body : undefined;
    const kind = parts.length === 2 ? 'create' : (parts[3] ?? 'get');
    seen(kind, Buffer.byteLength(text ?? ''));
    const handler = kind === 'create' ? routes.create : kind === 'rows' ? routes.rows : kind === 'start' ? routes.start : kind === 'control' ? routes.control : routes.get;
    return call(handler, parts[2] ?? '', text === undefined ? undefined : JSON.parse(text));
  }) as typeof fetch;
  try {
    return await work();
  } finally {
    globalThis.fetch = original;
  }
}

describe('/api/runs/[runId]/rows with readyBatches', () => {
  it('sends the complete batches while the upload goes on; the run finishes once started, every line once', async () => {
    await seedProducts(client(), fixture.productIds);
    const runId = await openRun(uploadRows.length);
    const first = uploadRows.slice(0, 100);
    const res = await call(routes.rows, runId, { rows: first, readyBatches: uploadRows[100]!.batch });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 100, rejected: 0 });
    // Lines leave before the upload is complete; the run reads "uploading" meanwhile.
    const early = await until(runId, (r) => r.counts.sent > 0);
    expect(early.state).toBe('uploading');
    expect((await call(routes.control, runId, { action: 'pause' })).status).toBe(409);
    const rest = uploadRows.slice(100);
    expect((await call(routes.rows, runId, { rows: rest, readyBatches: rest.at(-1)!.batch + 1 })).status).toBe(200);
    const started = await call(routes.start, runId, { uploadedRows: uploadRows.length });
    expect(started.status).toBe(200);
    const done = await until(runId, (r) => r.state === 'finished');
    expect(done.counts).toMatchObject({ total: 360, sent: 360, pending: 0, rejected: 0 });
    expect(done.requests).toBe(60); // one request per order: no order split over two
    expect(await salesHeld(client(), fixture.productIds)).toEqual(fixture.expected);
  });

  it('refuses a bad readyBatches with 400, and a row added to a batch said complete with 409', async () => {
    const runId = await openRun(uploadRows.length);
    for (const readyBatches of [-1, 1.5, 'all']) {
      const res = await call(routes.rows, runId, { rows: uploadRows.slice(0, 5), readyBatches });
      expect(res.status, String(readyBatches)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/readyBatches/);
    }
    const firstBatch = uploadRows.filter((r) => r.batch === 0);
    // Batch 0 said complete without its last row; the row coming later is refused.
    expect((await call(routes.rows, runId, { rows: firstBatch.slice(0, -1), readyBatches: 1 })).status).toBe(200);
    const late = await call(routes.rows, runId, { rows: firstBatch.slice(-1) });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: string }).error).toMatch(/which this upload already said was complete.*start the push again/);
    expect((await call(routes.control, runId, { action: 'cancel' })).status).toBe(200);
  });

  it('another account gets 403 and cannot upload into the run', async () => {
    const runId = await openRun(uploadRows.length);
    session.account = { authId: OTHER.id, signature: OTHER.signature };
    try {
      const res = await call(routes.rows, runId, { rows: uploadRows.slice(0, 5), readyBatches: 1 });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/another StockTrim account/);
    } finally {
      session.account = { authId: ACCOUNT.id, signature: ACCOUNT.signature };
    }
    expect((await runOf(runId)).counts.total).toBe(0);
  });

  it('the page\'s upload keeps every chunk under the byte limit when names take three bytes a character', async () => {
    // 1,500 lines whose customer names are 1,400 CJK characters (4,200 bytes in UTF-8): counted
    // in characters, a 1,000-row chunk looks like 1.6 MB but is a 4.4 MB body, over the limit.
    const name = '客户名称测试'.repeat(240).slice(0, 1400);
    const wide = salesFixture(250, 6, 30, 'CJ');
    await seedProducts(client(), wide.productIds);
    const batches: PushRow[][] = [];
    for (const r of wide.rows) (batches[r.batch] ??= []).push({ rowNumber: r.rowNumber, values: { ...r.values, customerName: name } });
    const source = {
      planPush: async () => ({ dataset: 'sales-orders', batchCount: batches.length, rowsToSend: wide.rows.length, rowsWithErrors: 0, rowsSkipped: 0, batchSize: 25, orderCount: 250, orderNoun: 'order' }),
      getPushBatch: async (i: number) => batches[i]!,
      getRows: async () => ({ rows: [], total: 0 }),
    } as unknown as RunUploadSource;
    const bodies: number[] = [];
    const runId = await withPageFetch(
      (kind, bytes) => kind === 'rows' && bodies.push(bytes),
      () => uploadRun({ dataset: 'sales-orders', fileName: 'cjk.csv', fileRows: wide.rows.length, source, loadFileErrors: async () => [], signal: new AbortController().signal, onProgress: () => {} }),
    );
    expect(bodies.length).toBeGreaterThan(2);
    expect(Math.max(...bodies)).toBeLessThanOrEqual(RUN_CHUNK_MAX_BYTES);
    const done = await until(runId, (r) => r.state === 'finished');
    expect(done.counts).toMatchObject({ total: 1500, sent: 1500, rejected: 0 });
    expect(await salesHeld(client(), wide.productIds)).toEqual(wide.expected);
  });

  it('the page uploads the rows to send first, and the refused and skipped rows after them', async () => {
    const small = salesFixture(40, 5, 10, 'OR');
    await seedProducts(client(), small.productIds);
    const batches: PushRow[][] = [];
    for (const r of small.rows) (batches[r.batch] ??= []).push({ rowNumber: r.rowNumber, values: r.values as PushRow['values'] });
    const skippedRow = { rowNumber: 500, status: 'valid', skipped: true, cells: { orderNumber: { raw: 'SO-X' }, quantity: { raw: '1' } } };
    const source = {
      planPush: async () => ({ dataset: 'sales-orders', batchCount: batches.length, rowsToSend: small.rows.length, rowsWithErrors: 1, rowsSkipped: 1, batchSize: 25, orderCount: 40, orderNoun: 'order' }),
      getPushBatch: async (i: number) => batches[i]!,
      getRows: async ({ offset }: { offset: number }) => ({ rows: offset === 0 ? [skippedRow] : [], total: 1 }),
    } as unknown as RunUploadSource;
    const events: string[] = [];
    const progress: [number, number][] = [];
    const runId = await withPageFetch(
      (kind) => events.push(kind),
      () =>
        uploadRun({
          dataset: 'sales-orders',
          fileName: 'order.csv',
          fileRows: small.rows.length + 2,
          source,
          loadFileErrors: async () => {
            events.push('file errors read');
            return [{ rowNumber: 501, message: 'Row 501, Quantity: "x" is not a number.', values: { orderNumber: 'SO-Y', quantity: 'x' } }];
          },
          signal: new AbortController().signal,
          onProgress: (done, total) => progress.push([done, total]),
        }),
    );
    expect(events.slice(0, 3)).toEqual(['create', 'rows', 'file errors read']);
    expect(progress.at(-1)).toEqual([202, 202]);
    const done = await until(runId, (r) => r.state === 'finished');
    expect(done.counts).toMatchObject({ total: 202, sent: 200, fileRejected: 1, skipped: 1 });
  });
});
