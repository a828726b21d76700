import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { billOfMaterialsResponseSchema } from '../lib/stocktrim/contract';
import { startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

let sandbox: RunningSandbox;
let api: Api;

/** The sandbox must answer exactly the documented shape: nothing more. */
const strictLine = z.strictObject(billOfMaterialsResponseSchema.shape);
type Line = z.infer<typeof strictLine>;
type Problem = { title: string; errors: Record<string, string[]> };

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox());
  const products = [
    { productId: 'KIT', name: 'Kit', manufacturingTime: 2 },
    { productId: 'PART-A', name: 'Part A' },
    { productId: 'PART-B', name: 'Part B' },
    { productId: 'SUB', name: 'Sub-assembly' },
  ];
  for (const body of products) expect((await api('POST', '/Products', { body })).status).toBe(201);
});
afterAll(() => sandbox.close());

async function list(query = ''): Promise<Line[]> {
  const res = await api('GET', `/boms${query}`);
  if (res.status === 404) {
    expect(res.text).toBe('');
    return [];
  }
  expect(res.status).toBe(200);
  return z.array(strictLine).parse(res.body);
}

describe('POST /boms', () => {
  it('creates a line with 201 and answers both products in full', async () => {
    const res = await api('POST', '/boms', { body: { productId: 'KIT', componentId: 'PART-A', quantity: 2 } });
    expect(res.status).toBe(201);
    const line = strictLine.parse(res.body);
    expect(line).toMatchObject({ productId: 'KIT', componentId: 'PART-A', quantity: 2, assemblyTimeDays: 2 });
    expect(line.id).toBeTypeOf('number');
    expect(line.skuProduct).toMatchObject({ productId: 'KIT', name: 'Kit' });
    expect(line.skuComponent).toMatchObject({ productId: 'PART-A', name: 'Part A', stockOnHand: null });
  });

  it('upserts on productId + componentId: same id, new quantity, still 201 as the document lists', async () => {
    const first = strictLine.parse((await api('POST', '/boms', { body: { productId: 'KIT', componentId: 'PART-B', quantity: 1 } })).body);
    const again = await api('POST', '/boms', { body: { productId: 'KIT', componentId: 'PART-B', quantity: 4 } });
    expect(again.status).toBe(201);
    expect(strictLine.parse(again.body)).toMatchObject({ id: first.id, quantity: 4 });
    // A null quantity keeps the stored one, as product updates do.
    const kept = await api('POST', '/boms', { body: { productId: 'KIT', componentId: 'PART-B', quantity: null } });
    expect((kept.body as Line).quantity).toBe(4);
    expect((await list('?productId=KIT&componentId=PART-B'))).toHaveLength(1);
  });

  it('refuses unknown products, naming each field', async () => {
    const res = await api('POST', '/boms', { body: { productId: 'NOPE-1', componentId: 'NOPE-2', quantity: 1 } });
    expect(res.status).toBe(400);
    const problem = res.body as Problem;
    expect(problem.title).toBe('One or more validation errors occurred.');
    expect(problem.errors.ProductId?.[0]).toMatch(/No product with productId 'NOPE-1'/);
    expect(problem.errors.ComponentId?.[0]).toMatch(/No product with productId 'NOPE-2'/);
    const one = await api('POST', '/boms', { body: { productId: 'KIT', componentId: 'NOPE-2' } });
    expect(Object.keys((one.body as Problem).errors)).toEqual(['ComponentId']);
  });

  it('validates the body against BillOfMaterialsRequestDto', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ productId: 'KIT' }, 'ComponentId', /The ComponentId field is required\./],
      [{ productId: '', componentId: 'PART-A' }, 'ProductId', /The ProductId field is required\./],
      [{ productId: 'KIT', componentId: 'PART-A', quantity: '2' }, 'Quantity', /System\.Double/],
      [{ productId: 'KIT', componentId: 'PART-A', qty: 2 }, 'Qty', /'qty' could not be mapped .* 'BillOfMaterialsRequestDto'/],
    ];
    for (const [body, field, message] of cases) {
      const res = await api('POST', '/boms', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as Problem).errors[field]?.[0], JSON.stringify(body)).toMatch(message);
    }
  });

  it('refuses a product inside itself, directly or through other lines', async () => {
    const self = await api('POST', '/boms', { body: { productId: 'SUB', componentId: 'SUB', quantity: 1 } });
    expect(self.status).toBe(400);
    expect((self.body as Problem).errors.ComponentId?.[0]).toMatch(/cannot be a component of itself/);

    expect((await api('POST', '/boms', { body: { productId: 'PART-A', componentId: 'SUB', quantity: 1 } })).status).toBe(201);
    // KIT contains PART-A contains SUB, so SUB may not contain KIT.
    const loop = await api('POST', '/boms', { body: { productId: 'SUB', componentId: 'KIT', quantity: 1 } });
    expect(loop.status).toBe(400);
    expect((loop.body as Problem).errors.ComponentId?.[0]).toContain('KIT → PART-A → SUB');
    await api('DELETE', '/boms?productId=PART-A&componentId=SUB');
  });
});

describe('GET /boms', () => {
  it('lists every line, or those of one product and/or one component', async () => {
    const all = await list();
    expect(all.map((l) => `${l.productId}>${l.componentId}`)).toEqual(['KIT>PART-A', 'KIT>PART-B']);
    expect((await list('?productId=KIT')).length).toBe(2);
    expect((await list('?componentId=PART-A')).map((l) => l.productId)).toEqual(['KIT']);
    expect((await list('?productid=KIT&COMPONENTID=PART-B')).length).toBe(1);
  });

  it('answers 404 with an empty body when nothing matches', async () => {
    expect(await list('?productId=PART-A')).toEqual([]);
    expect(await list('?productId=kit')).toEqual([]);
  });
});

describe('DELETE /boms', () => {
  it('removes one line with componentId, or all of a product’s lines without it', async () => {
    await api('POST', '/boms', { body: { productId: 'SUB', componentId: 'PART-A', quantity: 1 } });
    await api('POST', '/boms', { body: { productId: 'SUB', componentId: 'PART-B', quantity: 1 } });
    const one = await api('DELETE', '/boms?productId=SUB&componentId=PART-A');
    expect(one.status).toBe(201);
    expect(one.text).toBe('');
    expect((await list('?productId=SUB')).map((l) => l.componentId)).toEqual(['PART-B']);
    expect((await api('DELETE', '/boms?productId=KIT')).status).toBe(201);
    expect(await list('?productId=KIT')).toEqual([]);
    expect((await list()).length).toBe(1);
  });

  it('answers 404 when nothing matched and 400 without productId', async () => {
    expect((await api('DELETE', '/boms?productId=KIT')).status).toBe(404);
    const res = await api('DELETE', '/boms?componentId=PART-B');
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors.productId).toEqual(['The productId field is required.']);
  });
});
