import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/server';
import { type StockTrimClientOptions, closeStockTrimPools, createStockTrimClient } from './client';
import { StockTrimError } from './stocktrim-error';

// Every test here talks to a real sandbox over HTTP; the faults are the sandbox's own.
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const credentials = { authId: 'sandbox', signature: 'sandbox-signature' };
const fastRetry = { baseDelayMs: 5, maxDelayMs: 20 };
const started: Sandbox[] = [];

async function sandbox(options: Parameters<typeof startSandbox>[0] = {}): Promise<Sandbox> {
  const s = await startSandbox({ port: 0, forecastDurationMs: 50, productDeleteDelayMs: 0, seed: 7, ...options });
  started.push(s);
  return s;
}

function client(url: string, extra: Partial<StockTrimClientOptions> = {}) {
  return createStockTrimClient({ baseUrl: url, credentials, retry: { maxRetries: 3, ...fastRetry }, ...extra });
}

async function caught(promise: Promise<unknown>): Promise<StockTrimError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof StockTrimError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

afterAll(async () => {
  await closeStockTrimPools();
  await Promise.all(started.map((s) => s.close()));
});

describe('StockTrim client against the sandbox', () => {
  let clean: Sandbox;
  beforeAll(async () => {
    clean = await sandbox();
  });

  it('sends both auth headers and reads JSON', async () => {
    const c = client(clean.url);
    const res = await c.request<{ isProcessing: boolean }>('GET', '/ProcessingStatus');
    expect(res.status).toBe(200);
    expect(res.data.isProcessing).toBe(false);
    expect(c.requestCount()).toBe(1);
  });

  it('does not retry wrong credentials and says which headers to check', async () => {
    const c = createStockTrimClient({ baseUrl: clean.url, credentials: { authId: 'sandbox', signature: 'wrong' }, retry: fastRetry });
    const error = await caught(c.request('GET', '/ProcessingStatus'));
    expect(error.kind).toBe('auth');
    expect(error.status).toBe(401);
    expect(error.attempts).toBe(1);
    expect(error.message).toContain('api-auth-signature');
  });

  it('does not retry a 400 and keeps StockTrim\'s field messages', async () => {
    const c = client(clean.url);
    const error = await caught(c.request('PUT', '/SalesOrdersBulk', { body: { orderDate: '2024-01-01', saleOrderLineItems: [{ productId: 'A', orderDate: '2024-01-01', quantity: -1 }] } }));
    expect(error.kind).toBe('validation');
    expect(error.attempts).toBe(1);
    expect(Object.keys(error.fieldErrors).join(' ')).toMatch(/Quantity/);
    expect(error.message).toMatch(/Quantity/);
  });

  it('encodes query values so a code stays a code', async () => {
    const c = client(clean.url);
    const code = '../../x?y=1&pageNo=2';
    await c.request('POST', '/Products', { body: { productId: code, name: 'odd code' }, idempotent: true });
    const res = await c.request<{ productId: string }[]>('GET', '/Products', { query: { code } });
    expect(res.data.map((p) => p.productId)).toEqual([code]);
  });

  it('refuses a path that is not a plain StockTrim endpoint', async () => {
    await expect(client(clean.url).request('GET', '/../admin')).rejects.toThrow(/Invalid StockTrim path/);
  });
});

describe('retry rules with the sandbox\'s faults on', () => {
  it('retries 500s and every upsert lands exactly once', async () => {
    const s = await sandbox({ failRate: 0.4 });
    const retries: string[] = [];
    const c = client(s.url, { retry: { maxRetries: 8, ...fastRetry }, onRetry: (r) => retries.push(r.reason) });
    for (let i = 0; i < 40; i++) await c.request('POST', '/Products', { body: { productId: `P-${i}` }, idempotent: true });
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((r) => r === 'HTTP 500')).toBe(true);
    expect(c.requestCount()).toBe(40 + retries.length);
    const clean = createStockTrimClient({ baseUrl: s.url, credentials, retry: { maxRetries: 20, ...fastRetry } });
    const page = await clean.request<{ productId: string }[]>('GET', '/Products', { query: { pageNo: 1 } });
    expect(page.data.map((p) => p.productId).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `P-${i}`).sort());
  });

  it('gives up after the configured retries with a message that says so', async () => {
    const s = await sandbox({ failRate: 1 });
    const c = client(s.url, { retry: { maxRetries: 2, ...fastRetry } });
    const error = await caught(c.request('GET', '/ProcessingStatus'));
    expect(error.kind).toBe('server');
    expect(error.attempts).toBe(3);
    expect(error.message).toContain('3 attempts');
  });

  it('honours Retry-After on 429', async () => {
    const s = await sandbox({ throttleRate: 1, retryAfterSeconds: 1 });
    const delays: number[] = [];
    const c = client(s.url, { retry: { maxRetries: 1, ...fastRetry }, onRetry: (r) => delays.push(r.delayMs) });
    const error = await caught(c.request('GET', '/ProcessingStatus'));
    expect(error.kind).toBe('throttled');
    expect(delays).toEqual([1000]);
  });

  it('retries a call that always creates only when StockTrim certainly did not act', async () => {
    const s = await sandbox({ failRate: 1 });
    const c = client(s.url);
    const error = await caught(c.request('POST', '/SalesOrders', { body: { productId: 'A', orderDate: '2024-01-01', quantity: 1 } }));
    expect(error.kind).toBe('server');
    expect(error.attempts).toBe(1);
  });

  it('times out a slow answer and retries it', async () => {
    // undici checks its timers about every 500 ms, so the answer must be well past that.
    const s = await sandbox({ latencyMs: 1500 });
    const c = client(s.url, { timeoutMs: 300, retry: { maxRetries: 1, ...fastRetry } });
    const error = await caught(c.request('GET', '/ProcessingStatus'));
    expect(error.kind).toBe('timeout');
    expect(error.attempts).toBe(2);
  });

  it('reports an unreachable StockTrim as a network error after retrying', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
      });
    });
    const c = client(`http://127.0.0.1:${port}/api`, { retry: { maxRetries: 2, ...fastRetry } });
    const error = await caught(c.request('GET', '/ProcessingStatus'));
    expect(error.kind).toBe('network');
    expect(error.attempts).toBe(3);
    expect(error.message).toContain('Could not reach StockTrim');
  });
});
