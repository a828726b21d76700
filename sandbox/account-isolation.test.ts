import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFor, startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';

const mine = { id: 'mine', signature: 'mine-signature' };
const theirs = { id: 'theirs', signature: 'theirs-signature' };
let sandbox: RunningSandbox;
let me: Api;
let them: Api;

beforeAll(async () => {
  ({ sandbox } = await startTestSandbox({ accounts: [mine, theirs] }));
  me = apiFor(sandbox.url, mine);
  them = apiFor(sandbox.url, theirs);
  const writes: [string, string, unknown][] = [
    ['POST', '/Products', { productId: 'KIT' }],
    ['POST', '/Products', { productId: 'PART' }],
    ['POST', '/boms', { productId: 'KIT', componentId: 'PART', quantity: 2 }],
    ['POST', '/Suppliers', [{ supplierCode: 'LEAF', supplierName: 'Leaf Ltd' }]],
    ['POST', '/V2/Locations', { locationCode: 'AKL', locationName: 'Auckland' }],
    ['POST', '/Inventory', { inventory: [{ productId: 'PART', locationCode: 'AKL', stockOnHand: 3 }] }],
    ['POST', '/PurchaseOrders', { orderDate: '2025-01-01', supplier: {}, referenceNumber: 'R-1', clientReferenceNumber: 'C-1', purchaseOrderLineItems: [{ productId: 'PART', quantity: 1 }] }],
    ['PUT', '/Customers', { code: 'CAFE' }],
    ['POST', '/InventoryManagementSystemSettings', { api: 'Xero' }],
  ];
  for (const [method, path, body] of writes) {
    const res = await me(method, path, { body });
    expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
  }
});
afterAll(() => sandbox.close());

describe('every dataset is kept per account', () => {
  it('shows another account none of it', async () => {
    for (const path of ['/boms', '/Suppliers?code=LEAF', '/SuppliersBulk', '/V2/PurchaseOrders', '/V2/PurchaseOrders/R-1', '/Customers', '/Customers/CAFE']) {
      expect((await them('GET', path)).status, path).toBe(404);
      expect((await me('GET', path)).status, path).toBe(200);
    }
    expect((await them('GET', '/InventoryManagementSystemSettings')).body).toEqual({ name: null });
  });

  it('checks product references against the caller’s own products', async () => {
    const bomLine = await them('POST', '/boms', { body: { productId: 'KIT', componentId: 'PART' } });
    expect(bomLine.status).toBe(400);
    const inventory = await them('POST', '/Inventory', { body: { inventory: [{ productId: 'PART', stockOnHand: 1 }] } });
    expect(Object.keys((inventory.body as { errors: object }).errors)).toEqual(['Inventory[0].ProductId']);
    const po = await them('POST', '/PurchaseOrders', {
      body: { orderDate: '2025-01-01', supplier: {}, purchaseOrderLineItems: [{ productId: 'PART', quantity: 1 }] },
    });
    expect(po.status).toBe(400);
  });

  it('upserts within the account only: the same keys create afresh elsewhere', async () => {
    const po = { orderDate: '2025-01-01', supplier: {}, clientReferenceNumber: 'C-1', purchaseOrderLineItems: [{ productId: 'PART', quantity: 1 }] };
    await them('POST', '/Products', { body: { productId: 'PART' } });
    expect((await them('POST', '/PurchaseOrders', { body: po })).status).toBe(201);
    expect((await me('POST', '/PurchaseOrders', { body: po })).status).toBe(200);
    const location = await them('POST', '/Locations', { body: { locationCode: 'WLG', locationName: 'Auckland' } });
    // v1 name uniqueness is per account too: 'Auckland' is only taken in mine.
    expect((location.body as { locationCode: string }).locationCode).toBe('WLG');
    expect((await them('DELETE', '/PurchaseOrders?referenceNumber=R-1')).status).toBe(404);
    expect((await them('DELETE', '/Suppliers?supplierCodeOrName=LEAF')).status).toBe(404);
    expect((await them('DELETE', '/boms?productId=KIT')).status).toBe(404);
  });
});
