import { afterEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type Api } from './test-support';
import type { RunningSandbox, SandboxOptions } from './server';

const started: RunningSandbox[] = [];
async function sandboxWith(options: Partial<SandboxOptions>): Promise<Api> {
  const { sandbox, api } = await startTestSandbox(options);
  started.push(sandbox);
  return api;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

describe('injected faults', () => {
  it('failRate 1 answers 500 with a problem body on every API call', async () => {
    const api = await sandboxWith({ failRate: 1 });
    for (const [method, path, body] of [
      ['GET', '/Products', undefined],
      ['POST', '/Products', { productId: 'A' }],
      ['POST', '/RunForecastCalculations', undefined],
    ] as const) {
      const res = await api(method, path, { body });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(res.body).toMatchObject({ status: 500, detail: expect.stringMatching(/nothing was changed/) });
    }
  });

  it('throttleRate 1 answers 429 with Retry-After in seconds', async () => {
    const api = await sandboxWith({ throttleRate: 1, retryAfterSeconds: 3 });
    const res = await api('POST', '/Products', { body: { productId: 'A' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
  });

  it('throttling wins when both faults are certain', async () => {
    const api = await sandboxWith({ throttleRate: 1, failRate: 1 });
    expect((await api('GET', '/Products')).status).toBe(429);
  });

  it('does not fault calls that never reach an endpoint', async () => {
    const api = await sandboxWith({ failRate: 1, throttleRate: 1 });
    expect((await api('GET', '/Products', { account: null })).status).toBe(401);
    expect((await api('GET', '/NoSuchEndpoint')).status).toBe(404);
    expect((await api('PATCH', '/Products')).status).toBe(405);
  });

  it('faults before any state change: only acknowledged writes exist', async () => {
    const api = await sandboxWith({ failRate: 0.4, throttleRate: 0.2, seed: 42 });
    const acknowledged = new Set<string>();
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) {
      const productId = `F-${i}`;
      const res = await api('POST', '/Products', { body: { productId } });
      statuses.add(res.status);
      if (res.status === 201) acknowledged.add(productId);
    }
    expect(statuses).toEqual(new Set([201, 429, 500]));

    const stored = new Set<string>();
    for (let pageNo = 1; pageNo <= 2; pageNo++) {
      let res;
      do res = await api('GET', `/Products?pageNo=${pageNo}`);
      while (res.status === 429 || res.status === 500);
      if (res.status === 404) break;
      for (const p of res.body as { productId: string }[]) stored.add(p.productId);
    }
    expect(stored).toEqual(acknowledged);
  });

  it('replays the same faults for the same seed', async () => {
    const sequence = async (api: Api) => {
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await api('GET', '/ProcessingStatus')).status);
      return out;
    };
    const a = await sequence(await sandboxWith({ failRate: 0.3, throttleRate: 0.3, seed: 7 }));
    const b = await sequence(await sandboxWith({ failRate: 0.3, throttleRate: 0.3, seed: 7 }));
    const c = await sequence(await sandboxWith({ failRate: 0.3, throttleRate: 0.3, seed: 8 }));
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(1);
    expect(c).not.toEqual(a);
  });

  it('adds latency to every request', async () => {
    const api = await sandboxWith({ latencyMs: 150 });
    const started = Date.now();
    expect((await api('GET', '/ProcessingStatus')).status).toBe(200);
    expect((await api('GET', '/ProcessingStatus', { account: null })).status).toBe(401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
