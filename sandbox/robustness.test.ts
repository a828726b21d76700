import { request as httpRequest, Agent, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

let sandbox: RunningSandbox;
let api: Api;
const LIMIT = 64 * 1024;
const auth = { 'api-auth-id': 'sandbox', 'api-auth-signature': 'sandbox-signature' };

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox({ bodyLimitBytes: LIMIT }));
});
afterAll(() => sandbox.close());

/** One request on a given keep-alive agent; tells whether the socket was reused. */
function send(agent: Agent, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string; reused: boolean }>((resolve, reject) => {
    const req = httpRequest(
      { host: sandbox.host, port: sandbox.port, method, path: `/api${path}`, agent, headers: { ...auth, ...headers } },
      (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, reused: req.reusedSocket }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('request bodies', () => {
  it('answers 413 past the size limit and keeps the connection usable', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const huge = JSON.stringify({ productId: 'BIG', name: 'x'.repeat(LIMIT) });
      const tooBig = await send(agent, 'POST', '/Products', huge, { 'content-type': 'application/json' });
      expect(tooBig.status).toBe(413);
      expect(JSON.parse(tooBig.text)).toMatchObject({ status: 413 });
      const next = await send(agent, 'GET', '/ProcessingStatus');
      expect(next.status).toBe(200);
      expect(next.reused).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('answers 413 for a chunked body without Content-Length', async () => {
    const res = await fetch(`${sandbox.url}/Products`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: new Blob(['{"productId":"C","name":"', 'y'.repeat(LIMIT), '"}']).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers 400 for malformed JSON, naming $', async () => {
    const res = await api('POST', '/Products', { rawBody: '{"productId": "A",', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    const problem = res.body as { title: string; errors: Record<string, string[]> };
    expect(problem.title).toBe('One or more validation errors occurred.');
    expect(problem.errors.$?.[0]).toMatch(/not valid JSON/);
  });

  it('answers 400 for invalid UTF-8 and for an empty body', async () => {
    const bad = await api('POST', '/Products', { rawBody: new Uint8Array([0x7b, 0xff, 0x7d]), headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    const empty = await api('POST', '/SalesOrders', { rawBody: '', headers: { 'content-type': 'application/json' } });
    expect((empty.body as { errors: Record<string, string[]> }).errors['']).toEqual(['A non-empty request body is required.']);
  });

  it('answers 415 unless the body is sent as JSON', async () => {
    const plain = await api('POST', '/Products', { rawBody: '{"productId":"A"}', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
    const none = await api('POST', '/Products', { rawBody: '{"productId":"A"}' });
    expect(none.status).toBe(415);
    for (const type of ['application/json; charset=utf-8', 'text/json', 'application/vnd.api+json']) {
      const ok = await api('POST', '/Products', { rawBody: '{"productId":"CT"}', headers: { 'content-type': type } });
      expect(ok.status, type).toBeLessThan(300);
    }
  });

  it('accepts a UTF-8 byte-order mark', async () => {
    const res = await api('POST', '/Products', { rawBody: '\uFEFF{"productId":"BOM"}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
  });
});

describe('connections and concurrency', () => {
  it('keeps connections alive across successes and errors', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const answers = [
        await send(agent, 'GET', '/ProcessingStatus'),
        await send(agent, 'POST', '/Products', '{"bad":', { 'content-type': 'application/json' }),
        await send(agent, 'GET', '/Nope'),
        await send(agent, 'GET', '/ProcessingStatus', undefined, { 'api-auth-signature': 'wrong' }),
        // Bodies the server never reads (401, 404) must not poison the connection either.
        await send(agent, 'POST', '/Products', JSON.stringify({ productId: 'x'.repeat(30_000) }), {
          'api-auth-signature': 'wrong',
          'content-type': 'application/json',
        }),
        await send(agent, 'POST', '/Nope', 'y'.repeat(30_000), { 'content-type': 'application/json' }),
        await send(agent, 'GET', '/ProcessingStatus'),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 400, 404, 401, 401, 404, 200]);
      expect(answers.slice(1).every((a) => a.reused)).toBe(true);
    } finally {
      agent.destroy();
    }
  });

  it('handles many concurrent writes without losing or duplicating any', async () => {
    const creates = await Promise.all(
      Array.from({ length: 200 }, (_, i) => api('POST', '/Products', { body: { productId: `CON-${i}` } })),
    );
    expect(creates.every((r) => r.status === 201)).toBe(true);
    const upserts = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api('POST', '/Products', { body: { productId: 'SAME-ONE', stockOnHand: i } })),
    );
    expect(upserts.filter((r) => r.status === 201)).toHaveLength(1);
    expect(upserts.filter((r) => r.status === 200)).toHaveLength(49);
    const sales = await Promise.all(
      Array.from({ length: 100 }, () =>
        api('POST', '/SalesOrders', { body: { productId: 'SAME-ONE', orderDate: '2025-01-01', quantity: 1 } }),
      ),
    );
    expect(sales.every((r) => r.status === 201)).toBe(true);
    const listed = await api('GET', '/SalesOrders?productId=SAME-ONE');
    expect(listed.body as unknown[]).toHaveLength(100);
  });

  it('survives garbage on the wire', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(sandbox.port, sandbox.host, () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
      socket.on('data', () => undefined);
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    const weird = await fetch(`${sandbox.url}/Products?code=%E0%A4%A`, { headers: auth });
    expect(weird.status).toBe(404);
    expect((await api('GET', '/ProcessingStatus')).status).toBe(200);
  });
});
