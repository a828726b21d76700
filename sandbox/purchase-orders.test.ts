import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { purchaseOrderResponseSchema } from '../lib/stocktrim/contract';
import { apiFor, startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

const pager = { id: 'pager', signature: 'pager-signature' };
let sandbox: RunningSandbox;
let api: Api;

const strictOrder = z.strictObject(purchaseOrderResponseSchema.shape);
type Order = z.infer<typeof strictOrder>;
type Problem = { title: string; errors: Record<string, string[]> };

const order = (overrides: Record<string, unknown> = {}) => ({
  orderDate: '2025-03-01T09:00:00',
  supplier: { supplierCode: 'LEAF', supplierName: 'Leaf Ltd' },
  clientReferenceNumber: 'CLIENT-1',
  referenceNumber: 'PO-1',
  purchaseOrderLineItems: [{ productId: 'PO-SKU-1', quantity: 10, unitPrice: 2.5 }],
  ...overrides,
});

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox({ accounts: [{ id: 'sandbox', signature: 'sandbox-signature' }, pager] }));
  for (const productId of ['PO-SKU-1', 'PO-SKU-2']) await api('POST', '/Products', { body: { productId } });
});
afterAll(() => sandbox.close());

describe('POST /PurchaseOrders', () => {
  it('creates with 201 and answers status as an integer, unset dates as null, lines as an array', async () => {
    const res = await api('POST', '/PurchaseOrders', { body: order() });
    expect(res.status).toBe(201);
    const po = strictOrder.parse(res.body);
    expect(po).toMatchObject({
      message: null,
      orderDate: '2025-03-01T09:00:00',
      createdDate: null,
      fullyReceivedDate: null,
      supplier: { supplierCode: 'LEAF', supplierName: 'Leaf Ltd' },
      externalId: null,
      referenceNumber: 'PO-1',
      clientReferenceNumber: 'CLIENT-1',
      location: null,
      status: 0,
      purchaseOrderLineItems: [{ productId: 'PO-SKU-1', quantity: 10, unitPrice: 2.5, receivedDate: null }],
    });
    expect(typeof (res.body as { status: unknown }).status).toBe('number');
  });

  it('upserts on clientReferenceNumber: 200, same id, lines replaced, other fields merged', async () => {
    const first = strictOrder.parse((await api('GET', '/V2/PurchaseOrders/PO-1')).body);
    const res = await api('POST', '/PurchaseOrders', {
      body: order({
        referenceNumber: null,
        status: 'Approved',
        location: { locationCode: 'AKL', locationName: null },
        purchaseOrderLineItems: [{ productId: 'PO-SKU-2', quantity: 4 }],
      }),
    });
    expect(res.status).toBe(200);
    const po = strictOrder.parse(res.body);
    expect(po).toMatchObject({ id: first.id, referenceNumber: 'PO-1', status: 1, location: { locationCode: 'AKL', locationName: null } });
    expect(po.purchaseOrderLineItems).toEqual([{ productId: 'PO-SKU-2', quantity: 4, receivedDate: null, unitPrice: null }]);
  });

  it('accepts the status as a name or as the number production answers with', async () => {
    const byNumber = await api('POST', '/PurchaseOrders', { body: order({ status: 3 }) });
    expect(strictOrder.parse(byNumber.body).status).toBe(3);
    const byName = await api('POST', '/PurchaseOrders', { body: order({ status: 'Sent' }) });
    expect(strictOrder.parse(byName.body).status).toBe(2);
    // Left out keeps the stored status.
    const kept = await api('POST', '/PurchaseOrders', { body: order() });
    expect(strictOrder.parse(kept.body).status).toBe(2);
  });

  it('always creates an order without clientReferenceNumber', async () => {
    const body = order({ clientReferenceNumber: null, referenceNumber: 'PO-ANON' });
    const a = await api('POST', '/PurchaseOrders', { body });
    const b = await api('POST', '/PurchaseOrders', { body });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((a.body as Order).id).not.toBe((b.body as Order).id);
  });

  it('refuses a null orderDate with "The OrderDate field is required."', async () => {
    for (const body of [order({ orderDate: null }), Object.fromEntries(Object.entries(order()).filter(([k]) => k !== 'orderDate'))]) {
      const res = await api('POST', '/PurchaseOrders', { body });
      expect(res.status).toBe(400);
      const problem = res.body as Problem;
      expect(problem.title).toBe('One or more validation errors occurred.');
      expect(problem.errors.OrderDate).toEqual(['The OrderDate field is required.']);
    }
  });

  it('refuses unknown products, naming the line', async () => {
    const res = await api('POST', '/PurchaseOrders', {
      body: order({ clientReferenceNumber: 'CLIENT-X', purchaseOrderLineItems: [{ productId: 'PO-SKU-1', quantity: 1 }, { productId: 'NOPE', quantity: 1 }] }),
    });
    expect(res.status).toBe(400);
    expect(Object.keys((res.body as Problem).errors)).toEqual(['PurchaseOrderLineItems[1].ProductId']);
    expect((res.body as Problem).errors['PurchaseOrderLineItems[1].ProductId']?.[0]).toMatch(/No product with productId 'NOPE'/);
  });

  it('validates PurchaseOrderRequestDto', async () => {
    const cases: [unknown, string, RegExp][] = [
      [order({ supplier: undefined }), 'Supplier', /The Supplier field is required\./],
      [order({ purchaseOrderLineItems: null }), 'PurchaseOrderLineItems', /The PurchaseOrderLineItems field is required\./],
      [order({ purchaseOrderLineItems: [] }), 'PurchaseOrderLineItems', /at least one line/],
      [order({ status: 'Cancelled' }), 'Status', /PurchaseOrderStatusDto/],
      [order({ status: 7 }), 'Status', /PurchaseOrderStatusDto/],
      [order({ status: null }), 'Status', /PurchaseOrderStatusDto/],
      [order({ orderDate: '01/03/2025' }), 'OrderDate', /System\.DateTime/],
      [order({ purchaseOrderLineItems: [{ productId: 'PO-SKU-1' }] }), 'PurchaseOrderLineItems[0].Quantity', /The Quantity field is required\./],
      [order({ supplier: { code: 'LEAF' } }), 'Supplier.Code', /'code' could not be mapped .* 'PurchaseOrderSupplier'/],
      [order({ notes: 'x' }), 'Notes', /'notes' could not be mapped .* 'PurchaseOrderRequestDto'/],
    ];
    for (const [body, field, message] of cases) {
      const res = await api('POST', '/PurchaseOrders', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.body as Problem).errors[field]?.[0], JSON.stringify(body)).toMatch(message);
    }
  });
});

describe('reading purchase orders', () => {
  it('v1 GET answers 404 with an empty body, as production does', async () => {
    for (const path of ['/PurchaseOrders', '/PurchaseOrders?referenceNumber=PO-1']) {
      const res = await api('GET', path);
      expect(res.status).toBe(404);
      expect(res.text).toBe('');
    }
  });

  it('V2 GET by reference number, any path case; 404 when unknown', async () => {
    const res = await api('GET', '/v2/purchaseorders/PO-1');
    expect(res.status).toBe(200);
    expect(strictOrder.parse(res.body).referenceNumber).toBe('PO-1');
    expect((await api('GET', '/V2/PurchaseOrders/po-1')).status).toBe(404);
    expect((await api('GET', '/V2/PurchaseOrders/CLIENT-1')).status).toBe(404);
  });

  describe('V2 paging', () => {
    let call: Api;
    beforeAll(async () => {
      call = apiFor(sandbox.url, pager);
      await call('POST', '/Products', { body: { productId: 'P' } });
      for (let i = 1; i <= 12; i++) {
        const res = await call('POST', '/PurchaseOrders', {
          body: order({ clientReferenceNumber: `C-${i}`, referenceNumber: `R-${i}`, status: i % 3 === 0 ? 'Approved' : 'Draft', purchaseOrderLineItems: [{ productId: 'P', quantity: i }] }),
        });
        expect(res.status).toBe(201);
      }
    });
    const refs = (body: unknown) => z.array(strictOrder).parse(body).map((o) => o.referenceNumber);

    it('pages from 0 with 10 to a page by default', async () => {
      const first = await call('GET', '/V2/PurchaseOrders');
      expect(refs(first.body)).toEqual(['R-1', 'R-2', 'R-3', 'R-4', 'R-5', 'R-6', 'R-7', 'R-8', 'R-9', 'R-10']);
      expect(refs((await call('GET', '/V2/PurchaseOrders?page=0')).body)).toEqual(refs(first.body));
      expect(refs((await call('GET', '/V2/PurchaseOrders?page=1')).body)).toEqual(['R-11', 'R-12']);
      const past = await call('GET', '/V2/PurchaseOrders?page=2');
      expect(past.status).toBe(404);
      expect(past.text).toBe('');
    });

    it('takes pageSize and a status filter by name or number', async () => {
      expect(refs((await call('GET', '/V2/PurchaseOrders?page=2&pageSize=5')).body)).toEqual(['R-11', 'R-12']);
      expect(refs((await call('GET', '/V2/PurchaseOrders?PAGESIZE=3')).body)).toEqual(['R-1', 'R-2', 'R-3']);
      expect(refs((await call('GET', '/V2/PurchaseOrders?status=Approved')).body)).toEqual(['R-3', 'R-6', 'R-9', 'R-12']);
      expect(refs((await call('GET', '/V2/PurchaseOrders?status=1&page=1&pageSize=3')).body)).toEqual(['R-12']);
      expect(refs((await call('GET', '/V2/PurchaseOrders?status=draft&pageSize=2')).body)).toEqual(['R-1', 'R-2']);
      expect((await call('GET', '/V2/PurchaseOrders?status=Received')).status).toBe(404);
    });

    it('refuses pages below 0, page sizes below 1 and unknown statuses', async () => {
      for (const query of ['page=-1', 'page=x', 'pageSize=0', 'pageSize=1.5', 'status=Cancelled', 'status=9']) {
        const res = await call('GET', `/V2/PurchaseOrders?${query}`);
        expect(res.status, query).toBe(400);
        expect(Object.keys((res.body as Problem).errors), query).toHaveLength(1);
      }
    });
  });
});

describe('DELETE /PurchaseOrders', () => {
  it('answers 204 with no body, then the order is gone', async () => {
    const res = await api('DELETE', '/PurchaseOrders?referenceNumber=PO-1');
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await api('GET', '/V2/PurchaseOrders/PO-1')).status).toBe(404);
  });

  it('answers 404 for an unknown reference and 400 without one', async () => {
    expect((await api('DELETE', '/PurchaseOrders?referenceNumber=PO-1')).status).toBe(404);
    const res = await api('DELETE', '/PurchaseOrders');
    expect(res.status).toBe(400);
    expect((res.body as Problem).errors.referenceNumber).toEqual(['The referenceNumber field is required.']);
  });
});
