import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { salesOrderResponseSchema } from '../lib/stocktrim/contract';
import { startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

let sandbox: RunningSandbox;
let api: Api;

const strictLine = z.strictObject(salesOrderResponseSchema.shape);
type Line = z.infer<typeof strictLine>;
type Problem = { status: number; title: string; errors: Record<string, string[]> };

async function linesOf(productId: string): Promise<Line[]> {
  const res = await api('GET', `/SalesOrders?productId=${encodeURIComponent(productId)}`);
  if (res.status === 404) return [];
  expect(res.status).toBe(200);
  return z.array(strictLine).parse(res.body);
}

const line = (overrides: Record<string, unknown> = {}) => ({
  productId: 'SKU-1',
  orderDate: '2025-01-15T10:00:00',
  quantity: 3,
  ...overrides,
});

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox());
  for (const productId of ['SKU-1', 'SKU-2']) await api('POST', '/Products', { body: { productId } });
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  expect((await api('DELETE', '/SalesOrders/All')).status).toBe(200);
});

describe('POST /SalesOrders', () => {
  it('creates with 201 and answers the stored line', async () => {
    const res = await api('POST', '/SalesOrders', {
      body: line({ externalReferenceId: 'INV-1/1', unitPrice: 9.5, locationCode: 'AKL', customerCode: 'C1' }),
    });
    expect(res.status).toBe(201);
    expect(strictLine.parse(res.body)).toMatchObject({
      productId: 'SKU-1', orderDate: '2025-01-15T10:00:00', quantity: 3, unitPrice: 9.5,
      externalReferenceId: 'INV-1/1', locationCode: 'AKL', customerCode: 'C1', customerName: null,
    });
    expect((res.body as Line).locationId).toBeTypeOf('number');
  });

  it('always creates: the same line twice doubles the sale', async () => {
    for (let i = 0; i < 2; i++) {
      expect((await api('POST', '/SalesOrders', { body: line({ externalReferenceId: 'SAME' }) })).status).toBe(201);
    }
    const lines = await linesOf('SKU-1');
    expect(lines).toHaveLength(2);
    expect(lines.reduce((sum, l) => sum + l.quantity, 0)).toBe(6);
  });

  it('writes a date without time as midnight', async () => {
    const res = await api('POST', '/SalesOrders', { body: line({ orderDate: '2025-02-01' }) });
    expect((res.body as Line).orderDate).toBe('2025-02-01T00:00:00');
  });

  it('answers 400 problem documents naming the field', async () => {
    const cases: [unknown, string, string | RegExp][] = [
      [line({ quantity: -1 }), 'Quantity', 'The field Quantity must be between 0 and 1.7976931348623157E+308.'],
      [{ productId: 'SKU-1', quantity: 1 }, 'OrderDate', 'The OrderDate field is required.'],
      [line({ orderDate: null }), 'OrderDate', 'The OrderDate field is required.'],
      [line({ orderDate: '15/01/2025' }), 'OrderDate', /System\.DateTime/],
      [line({ orderDate: '2025-02-30' }), 'OrderDate', /System\.DateTime/],
      [line({ quantity: null }), 'Quantity', 'The Quantity field is required.'],
      [line({ quantity: '3' }), 'Quantity', /System\.Double/],
      [line({ orderNumber: 'SO-1' }), 'OrderNumber', /'orderNumber' could not be mapped .* 'SalesOrderRequestDto'/],
      [line({ productId: 'NOT-A-PRODUCT' }), 'ProductId', /No product with productId 'NOT-A-PRODUCT'/],
    ];
    for (const [body, field, message] of cases) {
      const res = await api('POST', '/SalesOrders', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = res.body as Problem;
      expect(problem.title).toBe('One or more validation errors occurred.');
      const messages = problem.errors[field];
      expect(messages, JSON.stringify(problem.errors)).toBeDefined();
      if (typeof message === 'string') expect(messages).toContain(message);
      else expect(messages?.join(' ')).toMatch(message);
    }
    expect(await linesOf('SKU-1')).toEqual([]);
  });
});

describe('GET /SalesOrders', () => {
  it('answers 404 without a productId, as production does', async () => {
    await api('POST', '/SalesOrders', { body: line() });
    const res = await api('GET', '/SalesOrders');
    expect(res.status).toBe(404);
    expect(res.text).toBe('');
  });

  it('lists only that product’s lines, and 404s when it has none', async () => {
    await api('POST', '/SalesOrders', { body: line() });
    await api('POST', '/SalesOrders', { body: line({ productId: 'SKU-2', quantity: 7 }) });
    expect((await linesOf('SKU-2')).map((l) => l.quantity)).toEqual([7]);
    expect((await api('GET', '/SalesOrders?productId=NOPE')).status).toBe(404);
  });
});

describe('SalesOrdersBulk', () => {
  const order = (quantity: number, extra: Record<string, unknown> = {}) => ({
    orderDate: '2025-03-01T09:00:00',
    locationCode: 'WLG',
    customerCode: 'CUST-9',
    saleOrderLineItems: [
      { productId: 'SKU-1', orderDate: '2024-12-31', quantity, externalReferenceId: 'SO-100/1', locationCode: 'AKL' },
      { productId: 'SKU-2', orderDate: '2024-12-31', quantity: 1, externalReferenceId: 'SO-100/2' },
    ],
    ...extra,
  });

  it('POST always creates, and applies the order’s date, location and customer to its lines', async () => {
    expect((await api('POST', '/SalesOrdersBulk', { body: order(4) })).status).toBe(201);
    expect((await api('POST', '/SalesOrdersBulk', { body: order(4) })).status).toBe(201);
    const lines = await linesOf('SKU-1');
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(l).toMatchObject({ orderDate: '2025-03-01T09:00:00', locationCode: 'WLG', customerCode: 'CUST-9' });
    }
  });

  it('PUT twice does not double, and the second updates the quantity', async () => {
    const first = await api('PUT', '/SalesOrdersBulk', { body: order(4) });
    expect(first.status).toBe(201);
    expect(strictLine.parse(first.body).productId).toBe('SKU-1');
    expect((await api('PUT', '/SalesOrdersBulk', { body: order(9) })).status).toBe(201);
    const lines = await linesOf('SKU-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.quantity).toBe(9);
    expect(lines[0]?.id).toBe((first.body as Line).id);
    expect(await linesOf('SKU-2')).toHaveLength(1);
  });

  it('PUT creates lines that have no externalReferenceId every time', async () => {
    const body = { orderDate: '2025-03-02', saleOrderLineItems: [line({ orderDate: '2025-03-02' })] };
    await api('PUT', '/SalesOrdersBulk', { body });
    await api('PUT', '/SalesOrdersBulk', { body });
    expect(await linesOf('SKU-1')).toHaveLength(2);
  });

  it('keeps a line’s own location when the order has none', async () => {
    await api('PUT', '/SalesOrdersBulk', { body: order(1, { locationCode: null, customerCode: undefined }) });
    const [l] = await linesOf('SKU-1');
    expect(l).toMatchObject({ locationCode: 'AKL', customerCode: null });
  });

  it('answers 400 naming the line and field, and stores nothing from a bad order', async () => {
    const bad = order(-2);
    const res = await api('PUT', '/SalesOrdersBulk', { body: bad });
    expect(res.status).toBe(400);
    expect(Object.keys((res.body as Problem).errors)).toEqual(['SaleOrderLineItems[0].Quantity']);

    const nullDate = await api('POST', '/SalesOrdersBulk', { body: order(1, { orderDate: null }) });
    expect((nullDate.body as Problem).errors.OrderDate).toEqual(['The OrderDate field is required.']);

    const unknownProduct = order(1);
    unknownProduct.saleOrderLineItems[1] = { ...unknownProduct.saleOrderLineItems[1]!, productId: 'GHOST' };
    const ghost = await api('PUT', '/SalesOrdersBulk', { body: unknownProduct });
    expect(Object.keys((ghost.body as Problem).errors)).toEqual(['SaleOrderLineItems[1].ProductId']);

    const empty = await api('POST', '/SalesOrdersBulk', { body: { orderDate: '2025-03-01', saleOrderLineItems: [] } });
    expect((empty.body as Problem).errors.SaleOrderLineItems).toBeDefined();

    const extra = await api('POST', '/SalesOrdersBulk', { body: order(1, { orderNumber: 'SO-100' }) });
    expect((extra.body as Problem).errors.OrderNumber?.[0]).toMatch(/SalesOrderWithLineItemsRequestDto/);

    expect(await linesOf('SKU-1')).toEqual([]);
    expect(await linesOf('SKU-2')).toEqual([]);
  });
});

describe('deleting sales', () => {
  async function seed(): Promise<void> {
    for (const [productId, orderDate] of [
      ['SKU-1', '2025-01-01T00:00:00'],
      ['SKU-1', '2025-01-15T12:00:00'],
      ['SKU-1', '2025-01-31T15:00:00'],
      ['SKU-1', '2025-02-01T00:00:00'],
      ['SKU-2', '2025-01-15T00:00:00'],
    ] as const) {
      expect((await api('POST', '/SalesOrders', { body: line({ productId, orderDate }) })).status).toBe(201);
    }
  }

  it('DELETE /SalesOrders/All removes the whole history', async () => {
    await seed();
    expect((await api('DELETE', '/SalesOrders/All')).status).toBe(200);
    expect(await linesOf('SKU-1')).toEqual([]);
    expect(await linesOf('SKU-2')).toEqual([]);
  });

  it('DELETE /SalesOrders/Range removes an inclusive range, midnight meaning midnight', async () => {
    await seed();
    const res = await api('DELETE', '/SalesOrders/Range?fromDate=2025-01-01&toDate=2025-01-31');
    expect(res.status).toBe(200);
    expect((await linesOf('SKU-1')).map((l) => l.orderDate)).toEqual(['2025-01-31T15:00:00', '2025-02-01T00:00:00']);
    expect(await linesOf('SKU-2')).toEqual([]);
  });

  it('DELETE /SalesOrders/Range can be limited to one product', async () => {
    await seed();
    await api('DELETE', '/SalesOrders/Range?fromDate=2025-01-01T00:00:00&toDate=2025-12-31T23:59:59&productId=SKU-2');
    expect(await linesOf('SKU-1')).toHaveLength(4);
    expect(await linesOf('SKU-2')).toEqual([]);
  });

  it('DELETE /SalesOrders/Range needs both dates, readable', async () => {
    const missing = await api('DELETE', '/SalesOrders/Range?fromDate=2025-01-01');
    expect(missing.status).toBe(400);
    expect((missing.body as Problem).errors.toDate).toEqual(['The toDate field is required.']);
    const unreadable = await api('DELETE', '/SalesOrders/Range?fromDate=yesterday&toDate=2025-01-01');
    expect((unreadable.body as Problem).errors.fromDate?.[0]).toMatch(/not valid/);
  });

  it('DELETE /SalesOrders?productId= removes one product’s history', async () => {
    await seed();
    expect((await api('DELETE', '/SalesOrders?productId=SKU-1')).status).toBe(200);
    expect(await linesOf('SKU-1')).toEqual([]);
    expect(await linesOf('SKU-2')).toHaveLength(1);
  });

  it('PUT still updates by reference after deletes', async () => {
    const body = { orderDate: '2025-04-01', saleOrderLineItems: [line({ externalReferenceId: 'R-1' })] };
    await api('PUT', '/SalesOrdersBulk', { body });
    await api('POST', '/SalesOrders', { body: line({ productId: 'SKU-2', orderDate: '2025-01-01' }) });
    await api('DELETE', '/SalesOrders/Range?fromDate=2025-01-01&toDate=2025-01-01');
    await api('PUT', '/SalesOrdersBulk', { body: { ...body, saleOrderLineItems: [line({ externalReferenceId: 'R-1', quantity: 8 })] } });
    expect((await linesOf('SKU-1')).map((l) => l.quantity)).toEqual([8]);
  });
});
