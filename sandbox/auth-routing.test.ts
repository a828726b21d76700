import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFor, startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

const other = { id: 'second', signature: 'second-signature' };
let sandbox: RunningSandbox;
let api: Api;

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox({ accounts: [{ id: 'sandbox', signature: 'sandbox-signature' }, other] }));
});
afterAll(() => sandbox.close());

describe('authentication', () => {
  it('answers 401 naming both headers when they are missing', async () => {
    const res = await api('GET', '/Products', { account: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const body = res.body as { title: string; detail: string; status: number };
    expect(body.status).toBe(401);
    expect(body.title).toMatch(/Invalid Authorization Headers/);
    expect(body.detail).toContain('api-auth-id');
    expect(body.detail).toContain('api-auth-signature');
  });

  it('answers 401 when only one header is sent, saying which is missing', async () => {
    const res = await api('GET', '/Products', { account: null, headers: { 'api-auth-id': 'sandbox' } });
    expect(res.status).toBe(401);
    expect((res.body as { detail: string }).detail).toMatch(/missing: api-auth-signature\./);
  });

  it('answers 401 for a wrong signature or an unknown id', async () => {
    for (const account of [{ id: 'sandbox', signature: 'nope' }, { id: 'nobody', signature: 'sandbox-signature' }]) {
      const res = await api('GET', '/Products', { account });
      expect(res.status).toBe(401);
      const body = res.body as { title: string; detail: string };
      expect(body.title).toBe('Invalid auth Id or signature');
      expect(body.detail).toMatch(/api-auth-id and api-auth-signature/);
    }
  });

  it('checks credentials before anything else, even on unknown endpoints below /api', async () => {
    expect((await api('GET', '/NoSuchThing', { account: null })).status).toBe(401);
  });

  it('keeps each account’s data apart', async () => {
    const second = apiFor(sandbox.url, other);
    expect((await api('POST', '/Products', { body: { productId: 'ONLY-DEMO' } })).status).toBe(201);
    expect((await second('GET', '/Products?code=ONLY-DEMO')).status).toBe(404);
    expect((await second('POST', '/Products', { body: { productId: 'ONLY-DEMO', name: 'theirs' } })).status).toBe(201);
    const mine = await api('GET', '/Products?code=ONLY-DEMO');
    expect((mine.body as { name: string | null }[])[0]?.name).toBeNull();
  });
});

describe('routing', () => {
  it('matches paths case-insensitively and with a trailing slash', async () => {
    await api('POST', '/Products', { body: { productId: 'CASE-1' } });
    for (const path of ['/products?code=CASE-1', '/PRODUCTS?code=CASE-1', '/pRoDuCtS/?code=CASE-1']) {
      expect((await api('GET', path)).status).toBe(200);
    }
    const upper = await fetch(`${sandbox.url.replace('/api', '/API')}/PROCESSINGSTATUS`, {
      headers: { 'api-auth-id': 'sandbox', 'api-auth-signature': 'sandbox-signature' },
    });
    expect(upper.status).toBe(200);
  });

  it('binds query parameter names case-insensitively', async () => {
    const res = await api('GET', '/Products?CODE=CASE-1');
    expect(res.status).toBe(200);
  });

  it('answers 404 with an empty body for unknown paths', async () => {
    for (const path of ['/Nope', '/Products/extra', '/SalesOrders/All/more']) {
      const res = await api('GET', path);
      expect(res.status).toBe(404);
      expect(res.text).toBe('');
    }
    const outside = await fetch(sandbox.url.replace('/api', '/elsewhere'));
    expect(outside.status).toBe(404);
  });

  it('answers 405 with Allow for a known path and the wrong method', async () => {
    const res = await api('PATCH', '/Products');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST, DELETE');
    expect((await api('GET', '/SalesOrders/All')).status).toBe(405);
    expect((await api('GET', '/RunForecastCalculations')).status).toBe(405);
  });

  it('serves /health without credentials', async () => {
    const res = await fetch(sandbox.url.replace('/api', '/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
