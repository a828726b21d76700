import { afterEach, describe, expect, it, vi } from 'vitest';
import { CODES_PER_REQUEST, checkProductCodes } from './product-check';
import { DashboardApiError } from './dashboard-api';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubRoute(answer: (codes: string[], call: number) => Response) {
  const calls: string[][] = [];
  vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
    const { codes } = JSON.parse(String(init.body)) as { codes: string[] };
    calls.push(codes);
    return answer(codes, calls.length);
  });
  return calls;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('checkProductCodes (browser)', () => {
  it('splits more than 20,000 codes into several requests and merges the answers', async () => {
    const codes = Array.from({ length: CODES_PER_REQUEST * 2 + 5 }, (_, i) => `P${i}`);
    const calls = stubRoute((chunk, call) =>
      json({ known: chunk.filter((c) => Number(c.slice(1)) % 2 === 0), checkedAt: `2026-12-03T18:0${call}:00.000Z`, via: call === 1 ? 'pages' : 'lookups', requests: call * 10, catalogueSize: call === 1 ? 900 : null }),
    );
    const r = await checkProductCodes([...codes, 'P0', ' P1 ', '']);
    expect(calls.map((c) => c.length)).toEqual([CODES_PER_REQUEST, CODES_PER_REQUEST, 5]);
    expect(r.checked).toHaveLength(codes.length);
    expect(r.known).toHaveLength(Math.ceil(codes.length / 2));
    expect(r).toMatchObject({ checkedAt: '2026-12-03T18:01:00.000Z', via: 'pages', requests: 60, catalogueSize: 900 });
  });

  it("passes the route's error message on", async () => {
    stubRoute(() => json({ error: 'Not connected to StockTrim. Open Connect and enter your API credentials.' }, 401));
    await expect(checkProductCodes(['A'])).rejects.toEqual(new DashboardApiError('Not connected to StockTrim. Open Connect and enter your API credentials.', 401));
  });

  it('no codes: no request', async () => {
    const calls = stubRoute(() => json({}));
    expect(await checkProductCodes([])).toMatchObject({ checked: [], known: [], requests: 0 });
    expect(calls).toHaveLength(0);
  });
});
