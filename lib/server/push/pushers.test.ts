/**
 * Every pusher against a real sandbox over HTTP, with the dashboard's own StockTrim client:
 * push rows as the route would (already validated), then read back what the sandbox holds.
 * Each test has its own sandbox account, so none sees another's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushRow } from '@/lib/import/import-types';
import type { RowOutcome } from '@/lib/push-types';
import { type Api, apiFor } from '../../../sandbox/test-support';
import { type RunningSandbox, startSandbox } from '../../../sandbox/server';
import { closeStockTrimPools, createStockTrimClient } from '@/lib/stocktrim/client';
import { pushers } from './pushers';
import { SUPPLIERS_PER_REQUEST } from './push-suppliers';
import type { PushContext } from './pusher';

const ACCOUNTS = ['products', 'boms', 'suppliers', 'locations', 'inventory', 'orders', 'customers', 'sales'].map((name) => ({ id: `t-${name}`, signature: `t-${name}-sig` }));
type Account = (typeof ACCOUNTS)[number];
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, accounts: ACCOUNTS, forecastDurationMs: 0, productDeleteDelayMs: 0 });
});
afterAll(async () => {
  await closeStockTrimPools();
  await sandbox.close();
});

function account(name: string): { api: Api; context: (options?: Record<string, boolean>) => PushContext } {
  const a = ACCOUNTS.find((x) => x.id === `t-${name}`) as Account;
  return {
    api: apiFor(sandbox.url, a),
    context: (options) => ({
      client: createStockTrimClient({ baseUrl: sandbox.url, credentials: { authId: a.id, signature: a.signature }, retry: { maxRetries: 0 } }),
      concurrency: 4,
      ...(options ? { options } : {}),
    }),
  };
}

const byRow = (outcomes: readonly RowOutcome[]) => [...outcomes].sort((a, b) => a.rowNumber - b.rowNumber);

const rows = (values: Record<string, PushRow['values'][string]>[], first = 2): PushRow[] => values.map((v, i) => ({ rowNumber: first + i, values: v }));

async function seed(api: Api, productIds: readonly string[]) {
  for (const productId of productIds) expect((await api('POST', '/Products', { body: { productId } })).status).toBeLessThan(300);
}

async function product(api: Api, code: string): Promise<Record<string, unknown>> {
  const res = await api('GET', `/Products?code=${encodeURIComponent(code)}`);
  expect(res.status, code).toBe(200);
  return (res.body as Record<string, unknown>[])[0]!;
}

describe('products', () => {
  it('long form: one request per product with its locations and suppliers; wide form likewise', async () => {
    const { api, context } = account('products');
    const outcomes = await pushers.products(
      rows([
        { productId: 'A', name: 'Widget', 'stockLocations.locationCode': 'AKL', 'stockLocations.stockOnHand': 5, 'suppliers.supplierId': 'S1' },
        { productId: 'A', name: 'Widget', 'stockLocations.locationCode': 'WLG', 'stockLocations.stockOnHand': 3, 'suppliers.supplierId': 'S1' },
        { productId: 'B', 'stockLocations.stockOnHand@AKL': 7, 'stockLocations.stockOnOrder@AKL': 2, 'stockLocations.stockOnHand@WLG': -1 },
      ]),
      context(),
    );
    expect(outcomes).toEqual([
      { rowNumber: 2, status: 'sent', created: true },
      { rowNumber: 3, status: 'sent', created: true },
      { rowNumber: 4, status: 'sent', created: true },
    ]);
    expect(await product(api, 'A')).toMatchObject({
      name: 'Widget',
      suppliers: [{ supplierId: 'S1' }],
      stockLocations: [
        { locationCode: 'AKL', stockOnHand: 5 },
        { locationCode: 'WLG', stockOnHand: 3 },
      ],
    });
    expect((await product(api, 'B')).stockLocations).toEqual([
      { locationCode: 'AKL', stockOnHand: 7, stockOnOrder: 2 },
      { locationCode: 'WLG', stockOnHand: -1 },
    ]);
  });

  it('rows of one product that disagree send nothing for it, each row saying why', async () => {
    const { api, context } = account('products');
    const outcomes = await pushers.products(
      rows([
        { productId: 'C', price: 5, 'stockLocations.locationCode': 'AKL' },
        { productId: 'C', price: 6, 'stockLocations.locationCode': 'WLG' },
        { productId: 'D', price: 1 },
      ]),
      context(),
    );
    expect(outcomes.map((o) => [o.rowNumber, o.status])).toEqual([
      [2, 'rejected'],
      [3, 'rejected'],
      [4, 'sent'],
    ]);
    expect(outcomes[1]!.message).toBe('Row 3, Price: 6 differs from row 2\'s 5; the rows of one product must agree, so none of them is sent.');
    expect(outcomes[0]!.message).toMatch(/^Not sent with the rest of its rows: Row 3, Price/);
    expect((await api('GET', '/Products?code=C')).status).toBe(404);
  });
});

describe('bill of materials', () => {
  it('one line per request; a line naming an unknown product is refused with StockTrim’s reason, the rest land', async () => {
    const { api, context } = account('boms');
    await seed(api, ['LAMP', 'SHADE', 'BULB']);
    const outcomes = await pushers['bill-of-materials'](
      rows([
        { productId: 'LAMP', componentId: 'SHADE', quantity: 1 },
        { productId: 'LAMP', componentId: 'BULB', quantity: 2 },
        { productId: 'LAMP', componentId: 'NOPE', quantity: 1 },
        { productId: 'SHADE', componentId: 'BULB', quantity: null },
      ]),
      context(),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'sent', 'rejected', 'sent']);
    expect(outcomes[2]!.message).toMatch(/ComponentId/);
    const lines = (await api('GET', '/boms')).body as { productId: string; componentId: string; quantity: number | null }[];
    expect(lines.map((l) => [l.productId, l.componentId, l.quantity])).toEqual([
      ['LAMP', 'SHADE', 1],
      ['LAMP', 'BULB', 2],
      ['SHADE', 'BULB', null],
    ]);
    // Sending the same lines again updates them: still three.
    await pushers['bill-of-materials'](rows([{ productId: 'LAMP', componentId: 'BULB', quantity: 3 }]), context());
    expect(((await api('GET', '/boms')).body as unknown[]).length).toBe(3);
  });
});

describe('suppliers', () => {
  it(`goes in arrays of at most ${SUPPLIERS_PER_REQUEST}; a supplier StockTrim would refuse is taken out, the rest sent`, async () => {
    const { api, context } = account('suppliers');
    const many = Array.from({ length: 230 }, (_, i) => ({ supplierCode: `S${String(i).padStart(3, '0')}`, supplierName: `Supplier ${i}`, defaultLeadTime: i % 30 }));
    const ctx = context();
    const outcomes = await pushers.suppliers(rows(many), ctx);
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(230);
    expect(ctx.client.requestCount()).toBe(3);
    const all = (await api('GET', '/SuppliersBulk')).body as { supplierCode: string; defaultLeadTime: number }[];
    expect(all).toHaveLength(230);
    expect(all[45]).toMatchObject({ supplierCode: 'S045', defaultLeadTime: 15 });

    const mixed = await pushers.suppliers(rows([{ supplierCode: 'OK1' }, { supplierCode: '' }, { supplierCode: 'OK2' }]), context());
    expect(byRow(mixed).map((o) => o.status)).toEqual(['sent', 'rejected', 'sent']);
    expect(mixed.find((o) => o.status === 'rejected')!.message).toBe('StockTrim would reject this supplier: SupplierCode: The SupplierCode field is required.');
    expect((await api('GET', '/Suppliers?code=OK2')).status).toBe(200);
  });
});

describe('locations', () => {
  it('upserts on the code (V2): a shared name makes two locations, the same code updates one', async () => {
    const { api, context } = account('locations');
    const outcomes = await pushers.locations(
      rows([
        { locationCode: 'AKL', locationName: 'Auckland' },
        { locationCode: 'AKL-2', locationName: 'Auckland' },
        { locationCode: 'WLG', locationName: 'Wellington', externalId: 'w-1' },
      ]),
      context(),
    );
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    // GET /Locations answers 404 in StockTrim; what the account holds shows through Inventory,
    // which finds a location by its name in the Locations dataset.
    await seed(api, ['P']);
    expect((await api('POST', '/Inventory', { body: { inventory: [{ productId: 'P', locationName: 'Wellington', stockOnHand: 1, stockOnOrder: 0 }] } })).status).toBe(200);
    expect((await product(api, 'P')).stockLocations).toEqual([{ locationCode: 'WLG', locationName: 'Wellington', stockOnHand: 1, stockOnOrder: 0 }]);
    const again = await api('POST', '/V2/Locations', { body: { locationCode: 'WLG' } });
    expect(again.body).toMatchObject({ locationCode: 'WLG', locationName: 'Wellington', externalId: 'w-1' });
  });
});

describe('inventory', () => {
  it('sends the rows with the user’s sum-of-locations switches; an unknown product is taken out', async () => {
    const { api, context } = account('inventory');
    await seed(api, ['P1', 'P2']);
    await api('POST', '/Products', { body: { productId: 'P1', stockOnHand: 100, stockOnOrder: 40 } });
    const outcomes = await pushers.inventory(
      rows([
        { productId: 'P1', locationCode: 'AKL', stockOnHand: 5, stockOnOrder: 1 },
        { productId: 'NOPE', locationCode: 'AKL', stockOnHand: 1, stockOnOrder: 0 },
        { productId: 'P1', locationCode: 'WLG', stockOnHand: 3, stockOnOrder: 2 },
        { productId: 'P2', stockOnHand: 7, stockOnOrder: 0 },
      ]),
      context({ updateOverallAllOnHandToBeSumOfLocation: true }),
    );
    expect(byRow(outcomes).map((o) => [o.rowNumber, o.status])).toEqual([
      [2, 'sent'],
      [3, 'rejected'],
      [4, 'sent'],
      [5, 'sent'],
    ]);
    expect(outcomes.find((o) => o.rowNumber === 3)!.message).toMatch(/^StockTrim rejected this row: ProductId: /);
    // On hand is the sum of the locations (switch on); on order keeps its figure (switch off).
    expect(await product(api, 'P1')).toMatchObject({ stockOnHand: 8, stockOnOrder: 40 });
    expect(await product(api, 'P2')).toMatchObject({ stockOnHand: 7, stockOnOrder: 0 });

    await pushers.inventory(rows([{ productId: 'P1', locationCode: 'AKL', stockOnHand: 5, stockOnOrder: 1 }]), context({ updateOverallAllOnOrderToBeSumOfLocation: true }));
    // Without options in the context the defaults apply: on hand left alone this time.
    expect(await product(api, 'P1')).toMatchObject({ stockOnHand: 8, stockOnOrder: 3 });
  });
});

describe('purchase orders', () => {
  const lines: Record<string, PushRow['values'][string]>[] = [
    { clientReferenceNumber: 'PO-1', supplierCode: 'ACME', orderDate: '2024-03-01T00:00:00', status: 'Approved', productId: 'A', quantity: 10, unitPrice: 1.5 },
    { clientReferenceNumber: 'PO-2', supplierCode: 'BOLTCO', orderDate: '2024-03-02T00:00:00', productId: 'B', quantity: 5 },
    { clientReferenceNumber: 'PO-1', supplierCode: 'ACME', orderDate: '2024-03-01T00:00:00', status: 'Approved', productId: 'NOPE', quantity: 4 },
    { clientReferenceNumber: 'PO-1', supplierCode: 'ACME', orderDate: '2024-03-01T00:00:00', status: 'Approved', productId: 'B', quantity: 1, receivedDate: '2024-03-05T00:00:00' },
  ];

  it('one order per reference with its lines; a line for an unknown product is taken out; sending again updates', async () => {
    const { api, context } = account('orders');
    await seed(api, ['A', 'B']);
    const outcomes = await pushers['purchase-orders'](rows(lines), context());
    expect(byRow(outcomes).map((o) => [o.rowNumber, o.status])).toEqual([
      [2, 'sent'],
      [3, 'sent'],
      [4, 'rejected'],
      [5, 'sent'],
    ]);
    expect(outcomes.find((o) => o.rowNumber === 4)!.message).toMatch(/^StockTrim rejected this line: ProductId: /);
    const po1 = (await api('GET', '/V2/PurchaseOrders/PO-1')).body;
    expect(po1).toMatchObject({
      clientReferenceNumber: 'PO-1',
      referenceNumber: 'PO-1',
      orderDate: '2024-03-01T00:00:00',
      status: 1,
      supplier: { supplierCode: 'ACME' },
      purchaseOrderLineItems: [
        { productId: 'A', quantity: 10, unitPrice: 1.5, receivedDate: null },
        { productId: 'B', quantity: 1, receivedDate: '2024-03-05T00:00:00' },
      ],
    });
    await pushers['purchase-orders'](rows(lines), context());
    const page = (await api('GET', '/V2/PurchaseOrders?page=0&pageSize=50')).body as unknown[];
    expect(page).toHaveLength(2);
  });
});

describe('customers', () => {
  it('one PUT per customer, upserted on the code', async () => {
    const { api, context } = account('customers');
    const outcomes = await pushers.customers(rows([{ code: 'C1', name: 'Café Ltd', postCode: '0600' }, { code: 'C2', name: 'Bolt Co' }]), context());
    expect(outcomes.every((o) => o.status === 'sent')).toBe(true);
    await pushers.customers(rows([{ code: 'C1', phone: '+64 9 555 0100' }]), context());
    const all = (await api('GET', '/Customers')).body as Record<string, unknown>[];
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ code: 'C1', name: 'Café Ltd', postCode: '0600', phone: '+64 9 555 0100' });
  });
});

describe('sales orders (shared blamed-line handling)', () => {
  it('a line StockTrim refuses is taken out and the order’s other lines land', async () => {
    const { api, context } = account('sales');
    await seed(api, ['85123A']);
    const line = (productId: string, n: number) => ({ orderNumber: '536365', productId, orderDate: '2010-12-01T08:26:00', quantity: 6, externalReferenceId: `536365-${productId}-${n}` });
    const outcomes = await pushers['sales-orders'](rows([line('85123A', 1), line('POST', 1)]), context());
    expect(byRow(outcomes).map((o) => o.status)).toEqual(['sent', 'rejected']);
    expect(byRow(outcomes)[1]!.message).toMatch(/^StockTrim rejected this line: ProductId: /);
    expect(((await api('GET', '/SalesOrders?productId=85123A')).body as unknown[]).length).toBe(1);
  });

  it('a second row with a reference already used in the batch is refused, naming both rows, not answered "sent"', async () => {
    const { api, context } = account('sales');
    await seed(api, ['22752']);
    const line = (quantity: number) => ({ orderNumber: '536999', productId: '22752', orderDate: '2010-12-01T08:26:00', quantity, externalReferenceId: 'dup-ref-1' });
    const outcomes = byRow(await pushers['sales-orders'](rows([line(2), line(5), line(7)]), context()));
    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'rejected', 'rejected']);
    expect(outcomes[1]!.message).toMatch(/^Row 3 has the same line reference "dup-ref-1" as row 2/);
    expect(outcomes[2]!.message).toMatch(/^Row 4 .* as row 2/);
    const stored = (await api('GET', '/SalesOrders?productId=22752')).body as { quantity: number }[];
    expect(stored.map((s) => s.quantity)).toEqual([2]);
  });
});
