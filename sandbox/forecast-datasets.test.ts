/**
 * How the newer datasets feed the forecast, over HTTP: bills of materials pass demand to
 * components, open purchase orders count as on order, inventory per location drives the
 * order plan's location filter, suppliers lend their lead time, and the V2 order plan turns
 * the plan into purchase orders. Each scenario has its own account so the plans stay apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { orderPlanResultsSchema, purchaseOrderResponseSchema, type SkuOptimizedResults } from '../lib/stocktrim/contract';
import { bomExampleFigures as bom, bomExampleLines, bomExampleProducts, bomExampleSales } from './bom-worked-example';
import { apiFor, startTestSandbox, type Api } from './test-support';
import type { RunningSandbox } from './server';
import { workedExampleFigures, workedExampleProduct, workedExampleSales } from './worked-example';

const accountIds = ['bom', 'po', 'loc', 'sup', 'gen'] as const;
let sandbox: RunningSandbox;
const apis = {} as Record<(typeof accountIds)[number], Api>;

beforeAll(async () => {
  const accounts = accountIds.map((id) => ({ id, signature: `${id}-signature` }));
  ({ sandbox } = await startTestSandbox({ accounts }));
  for (const account of accounts) apis[account.id as (typeof accountIds)[number]] = apiFor(sandbox.url, account);
});
afterAll(() => sandbox.close());

async function ok(api: Api, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await api(method, path, body === undefined ? {} : { body });
  expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
  return res.body;
}

/** With forecastDurationMs 0 a run has finished by the time the next request arrives. */
async function runAndPlan(api: Api, criteria: Record<string, unknown> = {}): Promise<Map<string, SkuOptimizedResults>> {
  await ok(api, 'POST', '/RunForecastCalculations');
  return plan(api, criteria);
}

async function plan(api: Api, criteria: Record<string, unknown> = {}): Promise<Map<string, SkuOptimizedResults>> {
  const results = orderPlanResultsSchema.parse(await ok(api, 'POST', '/OrderPlan', criteria)).results ?? [];
  return new Map(results.map((r) => [r.productCode ?? '', r]));
}

async function loadSales(api: Api, sales: readonly { orderDate: string }[]): Promise<void> {
  const byDate = new Map<string, unknown[]>();
  for (const sale of sales) byDate.set(sale.orderDate, [...(byDate.get(sale.orderDate) ?? []), sale]);
  for (const [orderDate, saleOrderLineItems] of byDate) await ok(api, 'PUT', '/SalesOrdersBulk', { orderDate, saleOrderLineItems });
}

describe('bill of materials', () => {
  it('reproduces the README example: lamp demand reaches shade, bulbs and fabric', async () => {
    const api = apis.bom;
    for (const product of bomExampleProducts) await ok(api, 'POST', '/Products', product);
    for (const line of bomExampleLines) await ok(api, 'POST', '/boms', line);
    await loadSales(api, bomExampleSales);
    const results = await runAndPlan(api);

    expect(results.get('LAMP')?.avgDailyOrdersLast120Days).toBeCloseTo(bom.lampRate, 9);
    expect(results.get('SHADE')?.avgDailyOrdersLast120Days).toBeCloseTo(bom.shadeRate, 9);
    expect(results.get('FABRIC')?.avgDailyOrdersLast120Days).toBeCloseTo(bom.fabricRate, 9);
    const bulb = results.get('BULB')!;
    expect(bulb).toMatchObject({
      avgDailyOrdersLast120Days: bom.bulbRate,
      leadDemand: bom.leadDemand,
      orderQuantity: bom.orderQuantity,
      daysUntilStockOut: bom.daysUntilStockOut,
      ordersInPreviousLeadTime: bom.ordersInPreviousLeadTime,
      // The bulb's own sales only: derived demand is not an order.
      orderCount: 24,
    });
    expect(bulb.standardDev).toBeCloseTo(bom.bulbStandardDeviation, 9);
    expect(bulb.safetyStockLevel).toBeCloseTo(bom.safetyStock, 4);
    expect(bulb.reorderPoint).toBeCloseTo(bom.reorderPoint, 4);
  });

  it('treats a product with a bill of materials as manufactured', async () => {
    const current = await plan(apis.bom, { excludeManufactured: true });
    expect([...current.keys()]).toEqual(['FABRIC', 'BULB']);
  });

  it('changes the component plan when a BOM line changes, after the next run', async () => {
    await ok(apis.bom, 'DELETE', '/boms?productId=LAMP&componentId=BULB');
    const results = await runAndPlan(apis.bom);
    expect(results.get('BULB')?.avgDailyOrdersLast120Days).toBeCloseTo(bom.bulbOwnRate, 9);
  });
});

describe('purchase orders', () => {
  it('adds open purchase-order lines to stock on order; Received orders and received lines do not count', async () => {
    const api = apis.po;
    await ok(api, 'POST', '/Products', { ...workedExampleProduct, minimumOrderQuantity: 0 });
    await loadSales(api, workedExampleSales);
    expect((await runAndPlan(api)).get('WIDGET-1')).toMatchObject({
      stockOnOrder: 40,
      orderQuantity: workedExampleFigures.orderQuantityWithoutMinimum,
    });

    const po = (clientReferenceNumber: string, status: string, lines: Record<string, unknown>[]) => ({
      orderDate: '2025-06-20', supplier: { supplierCode: 'LEAF' }, clientReferenceNumber, status, purchaseOrderLineItems: lines,
    });
    await ok(api, 'POST', '/PurchaseOrders', po('OPEN-1', 'Approved', [{ productId: 'WIDGET-1', quantity: 30 }]));
    await ok(api, 'POST', '/PurchaseOrders', po('OPEN-2', 'Draft', [
      { productId: 'WIDGET-1', quantity: 18 },
      { productId: 'WIDGET-1', quantity: 500, receivedDate: '2025-06-25' },
    ]));
    await ok(api, 'POST', '/PurchaseOrders', po('DONE-1', 'Received', [{ productId: 'WIDGET-1', quantity: 1000 }]));

    // On order 40 + 30 + 18 = 88; shortfall 281.5448 − 188 = 93.5448 → 4 batches of 24.
    expect((await runAndPlan(api)).get('WIDGET-1')).toMatchObject({ stockOnOrder: 88, orderQuantity: 96 });

    // Receiving an order takes it out of stock on order at the next run.
    await ok(api, 'POST', '/PurchaseOrders', po('OPEN-1', 'Received', [{ productId: 'WIDGET-1', quantity: 30 }]));
    expect((await runAndPlan(api)).get('WIDGET-1')?.stockOnOrder).toBe(58);
  });
});

describe('inventory per location', () => {
  beforeAll(async () => {
    const api = apis.loc;
    await ok(api, 'POST', '/V2/Locations', { locationCode: 'AKL', locationName: 'Auckland' });
    await ok(api, 'POST', '/Products', { productId: 'TEA', leadTime: 10, orderFrequency: 10 });
    await ok(api, 'POST', '/Products', { productId: 'MUG', leadTime: 10 });
    await ok(api, 'POST', '/Inventory', {
      updateOverallAllOnHandToBeSumOfLocation: true,
      updateOverallAllOnOrderToBeSumOfLocation: true,
      inventory: [
        { productId: 'TEA', locationCode: 'AKL', stockOnHand: 10, stockOnOrder: 0 },
        { productId: 'TEA', locationCode: 'WLG', locationName: 'Wellington', stockOnHand: 50, stockOnOrder: 2 },
      ],
    });
    await ok(api, 'POST', '/SalesOrders', { productId: 'TEA', orderDate: '2025-06-30', quantity: 12, locationCode: 'AKL' });
    await ok(api, 'POST', '/SalesOrders', { productId: 'TEA', orderDate: '2025-06-30', quantity: 24, locationName: 'Wellington' });
    await ok(api, 'POST', '/SalesOrders', { productId: 'MUG', orderDate: '2025-06-29', quantity: 1, locationCode: 'AKL' });
    await ok(api, 'POST', '/PurchaseOrders', {
      orderDate: '2025-06-01', supplier: {}, location: { locationCode: 'AKL' }, clientReferenceNumber: 'AKL-PO',
      purchaseOrderLineItems: [{ productId: 'TEA', quantity: 5 }],
    });
    await ok(api, 'POST', '/RunForecastCalculations');
  });

  it('plans across every location without a location filter', async () => {
    const tea = (await plan(apis.loc)).get('TEA');
    expect(tea).toMatchObject({ stockOnHand: 60, stockOnOrder: 7, locationName: null });
    expect(tea?.avgDailyOrdersLast120Days).toBeCloseTo(36 / 120, 9);
  });

  it('with a location, plans a product with stock figures there from that location alone', async () => {
    for (const location of ['AKL', 'auckland']) {
      const tea = (await plan(apis.loc, { location })).get('TEA');
      // 10 on hand; on order 0 at AKL plus the 5 on the AKL purchase order; 12 units sold there.
      expect(tea, location).toMatchObject({ stockOnHand: 10, stockOnOrder: 5, locationName: 'Auckland', orderCount: 1 });
      expect(tea?.avgDailyOrdersLast120Days).toBeCloseTo(12 / 120, 9);
    }
    const wlg = (await plan(apis.loc, { location: 'Wellington' })).get('TEA');
    expect(wlg).toMatchObject({ stockOnHand: 50, stockOnOrder: 2, locationName: 'Wellington' });
    expect(wlg?.avgDailyOrdersLast120Days).toBeCloseTo(24 / 120, 9);
  });

  it('keeps the all-locations result for a product that only sold there', async () => {
    const results = await plan(apis.loc, { location: 'AKL' });
    expect([...results.keys()]).toEqual(['TEA', 'MUG']);
    expect(results.get('MUG')).toMatchObject({ stockOnHand: 0, orderCount: 1 });
  });
});

describe('suppliers', () => {
  it('lend their default lead time to products that set none, and their name to the supplier filter', async () => {
    const api = apis.sup;
    await ok(api, 'POST', '/Suppliers', [{ supplierCode: 'LEAF', supplierName: 'Leaf Ltd', defaultLeadTime: 12 }]);
    await ok(api, 'POST', '/Products', { productId: 'A', supplierCode: 'LEAF' });
    await ok(api, 'POST', '/Products', { productId: 'B', suppliers: [{ supplierId: 'LEAF' }] });
    await ok(api, 'POST', '/Products', { productId: 'C', supplierCode: 'LEAF', leadTime: 5 });
    await ok(api, 'POST', '/Products', { productId: 'D' });
    const results = await runAndPlan(api);
    expect([...results.values()].map((r) => r.leadTimeDays)).toEqual([12, 12, 5, 30]);
    expect([...(await plan(api, { supplier: 'leaf ltd' })).keys()]).toEqual(['A', 'B', 'C']);
  });
});

describe('POST /V2/PurchaseOrders/OrderPlan', () => {
  const strictOrders = z.array(z.strictObject(purchaseOrderResponseSchema.shape));

  it('answers [] before any calculation has finished', async () => {
    const res = await apis.gen('POST', '/V2/PurchaseOrders/OrderPlan', { body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('turns the plan into one Draft order per supplier, stored and counted as on order next time', async () => {
    const api = apis.gen;
    await ok(api, 'POST', '/Suppliers', [{ supplierCode: 'LEAF', supplierName: 'Leaf Ltd' }]);
    await ok(api, 'POST', '/Products', { ...workedExampleProduct, supplierCode: 'LEAF', cost: 3 });
    await ok(api, 'POST', '/Products', { productId: 'IDLE', supplierCode: 'LEAF' });
    await loadSales(api, workedExampleSales);
    expect((await runAndPlan(api)).get('WIDGET-1')?.orderQuantity).toBe(workedExampleFigures.orderQuantity);

    expect(await ok(api, 'POST', '/V2/PurchaseOrders/OrderPlan', { supplierCodes: ['OTHER'] })).toEqual([]);
    expect(await ok(api, 'POST', '/V2/PurchaseOrders/OrderPlan', { currentStatus: 'Discontinued' })).toEqual([]);

    const orders = strictOrders.parse(await ok(api, 'POST', '/V2/PurchaseOrders/OrderPlan', { searchString: 'widget' }));
    expect(orders).toHaveLength(1);
    const [order] = orders;
    expect(order).toMatchObject({
      status: 0,
      supplier: { supplierCode: 'LEAF', supplierName: 'Leaf Ltd' },
      clientReferenceNumber: null,
      purchaseOrderLineItems: [{ productId: 'WIDGET-1', quantity: workedExampleFigures.orderQuantity, unitPrice: 3, receivedDate: null }],
    });
    expect(order?.referenceNumber).toMatch(/^PO-\d+$/);
    expect((await api('GET', `/V2/PurchaseOrders/${order?.referenceNumber}`)).status).toBe(200);

    // 40 + 216 on order now covers the target, so nothing more to order.
    expect((await runAndPlan(api)).get('WIDGET-1')).toMatchObject({ stockOnOrder: 256, orderQuantity: 0 });
    expect(await ok(api, 'POST', '/V2/PurchaseOrders/OrderPlan', {})).toEqual([]);
  });

  it('validates OrderPlanFilterCriteriaDto', async () => {
    const res = await apis.gen('POST', '/V2/PurchaseOrders/OrderPlan', { body: { locationCodes: 'AKL', perPage: 5 } });
    expect(res.status).toBe(400);
    const errors = (res.body as { errors: Record<string, string[]> }).errors;
    expect(errors.LocationCodes?.[0]).toMatch(/List<System\.String>/);
    expect(errors.PerPage?.[0]).toMatch(/'OrderPlanFilterCriteriaDto'/);
  });
});
