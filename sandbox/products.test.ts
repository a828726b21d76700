import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productsResponseSchema } from '../lib/stocktrim/contract';
import { z } from 'zod';
import { startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

let sandbox: RunningSandbox;
let api: Api;

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox());
});
afterAll(() => sandbox.close());

type Product = z.infer<typeof productsResponseSchema>;
/** The sandbox must answer exactly the documented shape: nothing more. */
const strictProduct = z.strictObject(productsResponseSchema.shape);

describe('POST /Products', () => {
  it('creates with 201, then updates with 200, keeping the id', async () => {
    const created = await api('POST', '/Products', {
      body: { productId: 'UPS-1', name: 'First', leadTime: 35, serviceLevel: 0.96, suppliers: [{ supplierId: 'Sup1' }] },
    });
    expect(created.status).toBe(201);
    const first = strictProduct.parse(created.body);
    expect(first).toMatchObject({ productId: 'UPS-1', name: 'First', leadTime: 35, stockOnHand: null });

    const updated = await api('POST', '/Products', { body: { productId: 'UPS-1', name: 'Second', stockOnHand: 12 } });
    expect(updated.status).toBe(200);
    const second = strictProduct.parse(updated.body);
    expect(second.id).toBe(first.id);
    // Properties not sent keep their value; sent ones change.
    expect(second).toMatchObject({ name: 'Second', stockOnHand: 12, leadTime: 35, serviceLevel: 0.96 });
    expect(second.suppliers).toEqual([{ supplierId: 'Sup1' }]);
  });

  it('accepts the API guide’s sample product', async () => {
    const res = await api('POST', '/Products', {
      body: {
        productId: 'ABC123', name: 'Product 1', category: 'Category 1', subCategory: 'SubCategory 1',
        serviceLevel: 0.96, leadTime: 35, stockOnHand: 234, stockOnOrder: 56, cost: 56.66, price: 67.78,
        suppliers: [{ supplierId: 'Sup1', supplierName: 'Supplier 1' }], forecastPeriod: 0, manufacturingTime: 10,
        orderFrequency: 40, minimumOrderQuantity: 10, minimumShelfLevel: 5, maximumShelfLevel: 600,
        overriddenDemand: 0, overriddenDemandPeriod: 0,
        stockLocations: [
          { locationCode: 'AKL', stockOnHand: 20, stockOnOrder: 10 },
          { locationCode: 'WLG', stockOnHand: 30, stockOnOrder: 5 },
        ],
      },
    });
    expect(res.status).toBe(201);
  });

  it('answers 400 problem documents naming the field', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ name: 'no id' }, 'ProductId', /The ProductId field is required\./],
      [{ productId: '' }, 'ProductId', /The ProductId field is required\./],
      [{ productId: 'X', leadTime: 2.5 }, 'LeadTime', /System\.Int32/],
      [{ productId: 'X', stockOnHand: '12' }, 'StockOnHand', /System\.Double/],
      [{ productId: 'X', colour: 'red' }, 'Colour', /'colour' could not be mapped .* 'ProductsRequestDto'/],
      [{ productId: 'X', suppliers: [{ supplierName: 'S' }] }, 'Suppliers[0].SupplierId', /required/],
      [{ productId: 'X', stockLocations: [{ locationCode: 'A', bins: 3 }] }, 'StockLocations[0].Bins', /ProductLocation/],
    ];
    for (const [body, field, message] of cases) {
      const res = await api('POST', '/Products', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = res.body as { title: string; status: number; type: string; errors: Record<string, string[]> };
      expect(problem.title).toBe('One or more validation errors occurred.');
      expect(problem.status).toBe(400);
      expect(problem.type).toMatch(/^https:\/\/tools\.ietf\.org\//);
      expect(problem.errors[field]?.join(' '), JSON.stringify(problem.errors)).toMatch(message);
    }
    expect((await api('GET', '/Products?code=X')).status).toBe(404);
  });

  it('refuses one product per request only: an array is a 400', async () => {
    const res = await api('POST', '/Products', { body: [{ productId: 'A' }, { productId: 'B' }] });
    expect(res.status).toBe(400);
    expect((res.body as { errors: Record<string, string[]> }).errors.$?.[0]).toMatch(/ProductsRequestDto/);
  });
});

describe('GET /Products', () => {
  it('pages 50 at a time in a stable order', async () => {
    const { sandbox: own, api: fresh } = await startTestSandbox();
    try {
      for (let i = 1; i <= 120; i++) {
        const res = await fresh('POST', '/Products', { body: { productId: `P-${String(i).padStart(3, '0')}` } });
        expect(res.status).toBe(201);
      }
      const pages: Product[][] = [];
      for (const pageNo of [1, 2, 3]) {
        const res = await fresh('GET', `/Products?pageNo=${pageNo}`);
        expect(res.status).toBe(200);
        pages.push(res.body as Product[]);
      }
      expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
      const ids = pages.flat().map((p) => p.productId);
      expect(ids[0]).toBe('P-001');
      expect(ids[119]).toBe('P-120');
      expect(new Set(ids).size).toBe(120);

      // No pageNo is page 1; an update keeps a product's place.
      await fresh('POST', '/Products', { body: { productId: 'P-001', name: 'renamed' } });
      const again = await fresh('GET', '/Products');
      expect((again.body as Product[]).map((p) => p.productId)).toEqual(ids.slice(0, 50));

      const beyond = await fresh('GET', '/Products?pageNo=4');
      expect(beyond.status).toBe(404);
      expect(beyond.text).toBe('');
      for (const bad of ['0', 'abc', '-1', '1.5']) {
        const res = await fresh('GET', `/Products?pageNo=${bad}`);
        expect(res.status).toBe(400);
        expect((res.body as { errors: Record<string, string[]> }).errors.pageNo).toBeDefined();
      }
    } finally {
      await own.close();
    }
  });

  it('finds a product by exact code and answers 404 with an empty body otherwise', async () => {
    await api('POST', '/Products', { body: { productId: 'Exact-007', name: 'Seven' } });
    const found = await api('GET', '/Products?code=Exact-007');
    expect(found.status).toBe(200);
    expect((found.body as Product[]).map((p) => p.name)).toEqual(['Seven']);
    for (const miss of ['Exact', 'exact-007', 'Exact-0070', '007']) {
      const res = await api('GET', `/Products?code=${encodeURIComponent(miss)}`);
      expect(res.status, miss).toBe(404);
      expect(res.text).toBe('');
    }
  });

  it('keeps codes exactly: leading zeros, spaces and symbols', async () => {
    for (const code of ['000123', 'A B/C?d=1&e', 'ÄÖÜ-1']) {
      expect((await api('POST', '/Products', { body: { productId: code } })).status).toBe(201);
      const res = await api('GET', `/Products?code=${encodeURIComponent(code)}`);
      expect((res.body as Product[])[0]?.productId).toBe(code);
    }
  });

  it('answers 404 on an empty account', async () => {
    const { sandbox: own, api: fresh } = await startTestSandbox();
    try {
      const res = await fresh('GET', '/Products');
      expect(res.status).toBe(404);
      expect(res.text).toBe('');
    } finally {
      await own.close();
    }
  });
});

describe('DELETE /Products', () => {
  it('deletes with 200 and an empty body', async () => {
    await api('POST', '/Products', { body: { productId: 'DEL-1' } });
    const res = await api('DELETE', '/Products?productId=DEL-1');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    expect((await api('GET', '/Products?code=DEL-1')).status).toBe(404);
    expect((await api('DELETE', '/Products?productId=DEL-1')).status).toBe(404);
  });

  it('needs a productId', async () => {
    const res = await api('DELETE', '/Products');
    expect(res.status).toBe(400);
    expect((res.body as { errors: Record<string, string[]> }).errors.productId).toEqual(['The productId field is required.']);
  });

  it('is slow when told to be, and the product stays visible until it finishes', async () => {
    const { sandbox: own, api: slow } = await startTestSandbox({ productDeleteDelayMs: 300 });
    try {
      await slow('POST', '/Products', { body: { productId: 'SLOW' } });
      const started = Date.now();
      const pending = slow('DELETE', '/Products?productId=SLOW');
      await new Promise((r) => setTimeout(r, 100));
      expect((await slow('GET', '/Products?code=SLOW')).status).toBe(200);
      expect((await pending).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
      expect((await slow('GET', '/Products?code=SLOW')).status).toBe(404);
    } finally {
      await own.close();
    }
  });
});
