/**
 * POST /api/products/known as Next calls it, against a real sandbox over HTTP; only the
 * session cookie is stood in for (the connected account's credentials).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../../../sandbox/server';
import { apiFor } from '../../../../sandbox/test-support';
import { closeStockTrimPools } from '@/lib/stocktrim/client';

const ACCOUNT = { id: 'known-route', signature: 'known-route-sig' };
const session = vi.hoisted(() => ({ connected: true }));

vi.mock('@/lib/server/session', () => ({
  readCredentials: async () => (session.connected ? { authId: 'known-route', signature: 'known-route-sig' } : null),
}));

let sandbox: RunningSandbox;
let POST: (request: Request, context: object) => Promise<Response>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [ACCOUNT], forecastDurationMs: 0, productDeleteDelayMs: 0 });
  const api = apiFor(sandbox.url, ACCOUNT);
  for (const productId of ['A-1', 'B-2', '00042']) expect((await api('POST', '/Products', { body: { productId } })).status).toBeLessThan(300);
  vi.stubEnv('STOCKTRIM_BASE_URL', sandbox.url);
  vi.stubEnv('STOCKTRIM_MAX_RETRIES', '0');
  ({ POST } = await import('./route'));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await closeStockTrimPools();
  await sandbox.close();
});

function post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return POST(
    new Request('http://localhost:3000/api/products/known', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'localhost:3000', origin: 'http://localhost:3000', 'content-length': String(Buffer.byteLength(text)), ...headers },
      body: text,
    }),
    {},
  );
}

describe('POST /api/products/known', () => {
  it('answers which codes StockTrim has, exactly as written', async () => {
    const res = await post({ codes: ['A-1', ' B-2 ', 'a-1', '42', '00042', 'Z'] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ known: ['A-1', 'B-2', '00042'], via: 'lookups', requests: 6, catalogueSize: null });
    expect(new Date(body.checkedAt as string).toISOString()).toBe(body.checkedAt);
  });

  it('refuses a bad body with a message that says what to send', async () => {
    const cases: [unknown, RegExp][] = [
      [{ codes: [] }, /at least one product code/],
      [{ codes: ['A', '   '] }, /codes\.1: a product code is empty/],
      [{ codes: ['x'.repeat(201)] }, /longer than 200 characters/],
      [{ codes: Array.from({ length: 20_001 }, (_, i) => `C${i}`) }, /at most 20,000 codes per request; split longer lists/],
      [{ codes: 'A-1' }, /send the codes as a list/],
      [{ codes: ['A'], extra: 1 }, /Invalid request/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    expect((await post('{not json')).status).toBe(400);
  });

  it('is guarded like every route: cross-site refused, a connection required', async () => {
    expect((await post({ codes: ['A-1'] }, { origin: 'https://evil.example' })).status).toBe(403);
    session.connected = false;
    try {
      const res = await post({ codes: ['A-1'] });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toMatch(/Not connected to StockTrim/);
    } finally {
      session.connected = true;
    }
  });
});
