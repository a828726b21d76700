/**
 * The product check against a real sandbox over HTTP, with the dashboard's own StockTrim
 * client; requests are counted by wrapping the client, independently of the check's own count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/server';
import { apiFor } from '../../sandbox/test-support';
import { type StockTrimClient, closeStockTrimPools, createStockTrimClient } from '@/lib/stocktrim/client';
import { checkProductCodes } from './product-check';

const SMALL = { id: 'pc-small', signature: 'pc-small-sig' };
const LARGE = { id: 'pc-large', signature: 'pc-large-sig' };
/** 120 products: pages of 50, 50 and 20. */
const SMALL_CATALOGUE = Array.from({ length: 120 }, (_, i) => `S-${String(i).padStart(3, '0')}`);
/** 400 products: 8 full pages, then a 404. */
const LARGE_CATALOGUE = Array.from({ length: 400 }, (_, i) => `L-${String(i).padStart(3, '0')}`);

let sandbox: RunningSandbox;

async function seed(account: typeof SMALL, codes: readonly string[]) {
  const api = apiFor(sandbox.url, account);
  for (let i = 0; i < codes.length; i += 20) {
    await Promise.all(codes.slice(i, i + 20).map(async (productId) => expect((await api('POST', '/Products', { body: { productId } })).status).toBeLessThan(300)));
  }
}

function counted(account: typeof SMALL): { client: StockTrimClient; calls: { pages: number; lookups: number } } {
  const inner = createStockTrimClient({ baseUrl: sandbox.url, credentials: { authId: account.id, signature: account.signature }, retry: { maxRetries: 0 } });
  const calls = { pages: 0, lookups: 0 };
  const client: StockTrimClient = {
    ...inner,
    request: ((method, path, options) => {
      if (options?.query && 'pageNo' in options.query) calls.pages++;
      else if (options?.query && 'code' in options.query) calls.lookups++;
      return inner.request(method, path, options);
    }) as StockTrimClient['request'],
  };
  return { client, calls };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: [SMALL, LARGE], forecastDurationMs: 0, productDeleteDelayMs: 0 });
  await seed(SMALL, SMALL_CATALOGUE);
  await seed(LARGE, LARGE_CATALOGUE);
}, 60_000);

afterAll(async () => {
  await closeStockTrimPools();
  await sandbox.close();
});

describe('which product codes StockTrim has', () => {
  it('a few codes: one exact lookup each (404 means not there; no prefix or case matches)', async () => {
    const { client, calls } = counted(SMALL);
    const codes = ['S-001', 'S-119', 'S-00', 's-001', 'NOPE', 'S-001', '  S-002  '];
    const r = await checkProductCodes(client, codes, { now: () => new Date('2026-12-03T18:00:00Z') });
    expect(r).toEqual({ known: ['S-001', 'S-119', 'S-002'], checkedAt: '2026-12-03T18:00:00.000Z', via: 'lookups', requests: 6, catalogueSize: null });
    expect(calls).toEqual({ pages: 0, lookups: 6 });
  });

  it('many codes: the catalogue is paged until a short page, and nothing is looked up', async () => {
    const { client, calls } = counted(SMALL);
    const codes = [...SMALL_CATALOGUE.filter((_, i) => i % 3 === 0), ...Array.from({ length: 40 }, (_, i) => `MISSING-${i}`)];
    const r = await checkProductCodes(client, codes);
    expect(r.via).toBe('pages');
    expect(r.catalogueSize).toBe(120);
    expect(r.known).toEqual(SMALL_CATALOGUE.filter((_, i) => i % 3 === 0));
    // One wave of 4 pages: 50, 50, 20 (short: the end) and one past it.
    expect(calls).toEqual({ pages: 4, lookups: 0 });
    expect(r.requests).toBe(4);
  });

  it('a page past the end (404) ends the catalogue as a short page does', async () => {
    const { client, calls } = counted(LARGE);
    const codes = [...LARGE_CATALOGUE.slice(0, 300), ...Array.from({ length: 50 }, (_, i) => `GONE-${i}`)];
    const r = await checkProductCodes(client, codes);
    expect(r).toMatchObject({ via: 'pages', catalogueSize: 400 });
    expect(r.known).toHaveLength(300);
    expect(calls.lookups).toBe(0);
    expect(calls.pages).toBe(12);
  });

  it('adaptive: paging stops once the pages read outnumber the codes left, and those are looked up', async () => {
    const { client, calls } = counted(LARGE);
    // 1 code on page 1, 4 that are nowhere: after 4 pages, 4 codes are left, so paging stops.
    const codes = ['L-007', 'X-1', 'X-2', 'X-3', 'X-4'];
    const r = await checkProductCodes(client, codes, { concurrency: 1, lookupsUpTo: 2 });
    expect(r).toMatchObject({ known: ['L-007'], via: 'pages', catalogueSize: null, requests: 8 });
    expect(calls).toEqual({ pages: 4, lookups: 4 });
  });

  it('codes found while paging are not looked up again', async () => {
    const { client, calls } = counted(LARGE);
    const codes = ['L-000', 'L-010', 'L-060', 'L-399', 'X-9'];
    const r = await checkProductCodes(client, codes, { concurrency: 1, lookupsUpTo: 2 });
    // Pages 1 and 2 find three codes; then 2 pages ≥ 2 codes left: L-399 and X-9 are looked up.
    expect(r.known).toEqual(['L-000', 'L-010', 'L-060', 'L-399']);
    expect(calls).toEqual({ pages: 2, lookups: 2 });
  });
});
