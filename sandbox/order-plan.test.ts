import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { orderPlanResultsSchema, processingStatusResponseSchema, type SkuOptimizedResults } from '../lib/stocktrim/contract';
import { startTestSandbox, waitFor, type Api } from './test-support';
import type { RunningSandbox } from './server';
import { workedExampleFigures as expected, workedExampleProduct, workedExampleSales } from './worked-example';

const FORECAST_MS = 400;
let sandbox: RunningSandbox;
let api: Api;

const strictStatus = z.strictObject(processingStatusResponseSchema.shape);
type Status = z.infer<typeof strictStatus>;

async function status(): Promise<Status> {
  const res = await api('GET', '/ProcessingStatus');
  expect(res.status).toBe(200);
  return strictStatus.parse(res.body);
}

async function plan(criteria: Record<string, unknown> = {}): Promise<{ results: SkuOptimizedResults[]; filterCriteria: Record<string, unknown> }> {
  const res = await api('POST', '/OrderPlan', { body: criteria });
  expect(res.status, res.text).toBe(200);
  const parsed = orderPlanResultsSchema.parse(res.body);
  return { results: parsed.results ?? [], filterCriteria: (res.body as { filterCriteria: Record<string, unknown> }).filterCriteria };
}

async function runToCompletion(): Promise<void> {
  expect((await api('POST', '/RunForecastCalculations')).status).toBe(201);
  const done = await waitFor(status, (s) => !s.isProcessing);
  expect(done.percentageComplete).toBe(100);
}

const codes = (results: SkuOptimizedResults[]) => results.map((r) => r.productCode);

beforeAll(async () => {
  ({ sandbox, api } = await startTestSandbox({ forecastDurationMs: FORECAST_MS }));
});
afterAll(() => sandbox.close());

describe('forecast calculation', () => {
  it('shows nothing in the order plan before a calculation has finished', async () => {
    const before = await status();
    expect(before).toMatchObject({ isProcessing: false, percentageComplete: 0 });
    expect((await plan()).results).toEqual([]);
  });

  it('loads the worked example, runs, and reports progress from processing to 100%', async () => {
    expect((await api('POST', '/Products', { body: workedExampleProduct })).status).toBe(201);
    // One bulk order per sale date, loaded idempotently with PUT.
    for (const sale of workedExampleSales) {
      const res = await api('PUT', '/SalesOrdersBulk', { body: { orderDate: sale.orderDate, saleOrderLineItems: [sale] } });
      expect(res.status).toBe(201);
    }

    expect((await api('POST', '/RunForecastCalculations')).status).toBe(201);
    const running = await status();
    expect(running.isProcessing).toBe(true);
    expect(running.percentageComplete).toBeGreaterThanOrEqual(0);
    expect(running.percentageComplete).toBeLessThan(100);
    expect(running.statusMessage).toMatch(/Calculating/);
    // Still nothing to show while it runs.
    expect((await plan()).results).toEqual([]);

    const seen: number[] = [];
    const done = await waitFor(
      async () => {
        const s = await status();
        seen.push(s.percentageComplete ?? -1);
        return s;
      },
      (s) => !s.isProcessing,
    );
    expect(done).toMatchObject({ isProcessing: false, percentageComplete: 100 });
    expect(seen.every((p, i) => i === 0 || p >= (seen[i - 1] ?? 0))).toBe(true);
    expect(seen.every((p) => Number.isInteger(p) && p >= 0 && p <= 100)).toBe(true);
  });

  it('answers the worked example figures in the order plan', async () => {
    const { results } = await plan();
    expect(results).toHaveLength(1);
    const widget = results[0]!;
    expect(widget).toMatchObject({
      productCode: 'WIDGET-1',
      name: 'Blue widget',
      category: 'Widgets',
      leadDemand: expected.leadDemand,
      forecastPeriodDemand: expected.periodDemand,
      orderQuantity: expected.orderQuantity,
      daysUntilStockOut: expected.daysUntilStockOut,
      stockOnHand: 100,
      stockOnOrder: 40,
      leadTimeDays: 14,
      reorderFrequencyDays: 30,
      avgDailyOrdersLast120Days: expected.averageDailyDemand,
      standardDev: expected.standardDeviation,
      minimumOrderQuantity: 200,
      batchSize: 24,
      isDiscontinued: false,
      skuCost: null,
      skuPrice: null,
      locationName: null,
    });
    expect(widget.safetyStockLevel).toBeCloseTo(expected.safetyStock, 4);
    expect(widget.reorderPoint).toBeCloseTo(expected.reorderPoint, 4);
    expect(widget.serviceFactor).toBeCloseTo(expected.serviceFactor, 6);
    expect(Date.parse(widget.calculatedDateTime ?? '')).not.toBeNaN();
  });

  it('refuses to start a second calculation while one runs', async () => {
    expect((await api('POST', '/RunForecastCalculations')).status).toBe(201);
    const again = await api('POST', '/RunForecastCalculations');
    expect(again.status).toBe(400);
    expect((again.body as { title: string }).title).toBe('A forecast calculation is already running.');
    await waitFor(status, (s) => !s.isProcessing);
  });

  it('uses the data as of the calculation: later changes show only after the next run', async () => {
    await api('POST', '/Products', { body: { productId: 'WIDGET-1', minimumOrderQuantity: 0 } });
    expect((await plan()).results[0]?.orderQuantity).toBe(expected.orderQuantity);

    expect((await api('POST', '/RunForecastCalculations')).status).toBe(201);
    // The previous results stay visible while the new run is in progress.
    expect((await plan()).results[0]?.orderQuantity).toBe(expected.orderQuantity);
    await waitFor(status, (s) => !s.isProcessing);
    expect((await plan()).results[0]?.orderQuantity).toBe(expected.orderQuantityWithoutMinimum);
  });
});

describe('order plan filters', () => {
  beforeAll(async () => {
    const products = [
      { productId: 'TEA-GRN', name: 'Green tea', category: 'Tea', supplierCode: 'LEAF', stockLocations: [{ locationCode: 'AKL', locationName: 'Auckland' }] },
      { productId: 'TEA-BLK', name: 'Black tea', category: 'Tea', suppliers: [{ supplierId: 'BREW', supplierName: 'Brew Co' }] },
      { productId: 'MUG-01', name: 'Mug', category: 'Crockery', discontinued: true, stockLocations: [{ locationCode: 'WLG' }] },
      { productId: 'KIT-01', name: 'Tea kit', category: 'Kits', manufacturingTime: 3 },
    ];
    for (const body of products) expect((await api('POST', '/Products', { body })).status).toBe(201);
    await api('POST', '/SalesOrders', {
      body: { productId: 'TEA-BLK', orderDate: '2025-06-01', quantity: 2, locationCode: 'CHC', customerCode: 'CAFE-1' },
    });
    await runToCompletion();
  });

  it('returns one result per product, in product order', async () => {
    expect(codes((await plan()).results)).toEqual(['WIDGET-1', 'TEA-GRN', 'TEA-BLK', 'MUG-01', 'KIT-01']);
  });

  it('filters by currentStatus', async () => {
    expect(codes((await plan({ currentStatus: 'Discontinued' })).results)).toEqual(['MUG-01']);
    expect(codes((await plan({ currentStatus: 'Current' })).results)).not.toContain('MUG-01');
    expect((await plan({ currentStatus: 'All' })).results).toHaveLength(5);
    expect((await plan({ currentStatus: null })).results).toHaveLength(5);
  });

  it('filters by location (stock locations or sales), by code or name', async () => {
    expect(codes((await plan({ location: 'AKL' })).results)).toEqual(['TEA-GRN']);
    expect(codes((await plan({ location: 'auckland' })).results)).toEqual(['TEA-GRN']);
    expect(codes((await plan({ location: 'CHC' })).results)).toEqual(['TEA-BLK']);
  });

  it('filters by supplier code or suppliers[].supplierId', async () => {
    expect(codes((await plan({ supplier: 'LEAF' })).results)).toEqual(['TEA-GRN']);
    expect(codes((await plan({ supplier: 'brew' })).results)).toEqual(['TEA-BLK']);
    expect((await plan({ supplier: 'NOBODY' })).results).toEqual([]);
  });

  it('filters by category, customer, search string and manufactured', async () => {
    expect(codes((await plan({ category: 'tea' })).results)).toEqual(['TEA-GRN', 'TEA-BLK']);
    expect(codes((await plan({ customer: 'CAFE-1' })).results)).toEqual(['TEA-BLK']);
    expect(codes((await plan({ searchString: 'TEA' })).results)).toEqual(['TEA-GRN', 'TEA-BLK', 'KIT-01']);
    expect(codes((await plan({ searchString: 'mu' })).results)).toEqual(['MUG-01']);
    expect(codes((await plan({ excludeManufactured: true })).results)).not.toContain('KIT-01');
    expect(codes((await plan({ category: 'Tea', searchString: 'green' })).results)).toEqual(['TEA-GRN']);
  });

  it('pages with page and perPage and echoes the criteria', async () => {
    const first = await plan({ page: 1, perPage: 2 });
    expect(codes(first.results)).toEqual(['WIDGET-1', 'TEA-GRN']);
    expect(first.filterCriteria).toMatchObject({ page: 1, perPage: 2, hasNextPage: true });
    const last = await plan({ page: 3, perPage: 2 });
    expect(codes(last.results)).toEqual(['KIT-01']);
    expect(last.filterCriteria.hasNextPage).toBe(false);
    expect(codes((await plan({ page: 0, perPage: 2 })).results)).toEqual(['WIDGET-1', 'TEA-GRN']);
  });

  it('reports location names and discontinued products with no order', async () => {
    const { results } = await plan();
    const byCode = new Map(results.map((r) => [r.productCode, r]));
    expect(byCode.get('TEA-GRN')?.locationName).toBe('Auckland');
    expect(byCode.get('MUG-01')).toMatchObject({ isDiscontinued: true, orderQuantity: 0, locationName: 'WLG' });
    expect(byCode.get('TEA-GRN')).toMatchObject({ daysUntilStockOut: null, isUncertain: true, leadTimeDays: 30 });
  });

  it('validates the criteria', async () => {
    const bad = await api('POST', '/OrderPlan', { body: { currentStatus: 'Sometimes', pageSize: 5 } });
    expect(bad.status).toBe(400);
    const errors = (bad.body as { errors: Record<string, string[]> }).errors;
    expect(errors.CurrentStatus?.[0]).toMatch(/CurrentStatusEnum/);
    expect(errors.PageSize?.[0]).toMatch(/OrderPlanFilterCriteria/);
    const empty = await api('POST', '/OrderPlan', { rawBody: '', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    expect((empty.body as { errors: Record<string, string[]> }).errors['']).toEqual(['A non-empty request body is required.']);
  });
});
