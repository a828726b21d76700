import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dayNumber, dayToDateTime } from './dates';
import {
  DEFAULT_LEAD_TIME_DAYS,
  DEFAULT_ORDER_FREQUENCY_DAYS,
  DEFAULT_SERVICE_LEVEL,
  HISTORY_DAYS,
  calculateOrderPlan,
  dailyDemand,
  demandWindow,
  forecastFigures,
  forecastSettings,
  mean,
  populationStandardDeviation,
  roundUpToBatch,
} from './forecast';
import { inverseNormalCdf } from './inverse-normal';
import { workedExampleFigures as expected, workedExampleProduct, workedExampleSales } from './worked-example';

describe('inverseNormalCdf', () => {
  it.each([
    [0.5, 0],
    [0.8, 0.841621],
    [0.9, 1.281552],
    [0.95, 1.644854],
    [0.975, 1.959964],
    [0.99, 2.326348],
    [0.999, 3.090232],
    [0.01, -2.326348],
    [0.001, -3.090232],
  ])('z(%s) ≈ %s', (p, z) => {
    expect(inverseNormalCdf(p)).toBeCloseTo(z, 5);
  });

  it('is symmetric and rejects 0 and 1', () => {
    expect(inverseNormalCdf(0.2)).toBeCloseTo(-inverseNormalCdf(0.8), 9);
    expect(() => inverseNormalCdf(0)).toThrow(RangeError);
    expect(() => inverseNormalCdf(1)).toThrow(RangeError);
  });
});

describe('the README worked example', () => {
  const window = demandWindow(workedExampleSales);
  const daily = dailyDemand(workedExampleSales, window);
  const settings = forecastSettings(workedExampleProduct);
  const figures = forecastFigures(daily, settings);

  it('uses the 120 days ending on the latest sale', () => {
    expect(window).not.toBeNull();
    expect(dayToDateTime(window!.firstDay)).toBe(`${expected.windowFirstDay}T00:00:00`);
    expect(dayToDateTime(window!.lastDay)).toBe(`${expected.windowLastDay}T00:00:00`);
    expect(daily).toHaveLength(HISTORY_DAYS);
  });

  it('computes every intermediate figure', () => {
    expect(daily.reduce((a, b) => a + b, 0)).toBe(expected.totalUnits);
    expect(daily.reduce((a, b) => a + b * b, 0)).toBe(expected.sumOfSquares);
    expect(figures.averageDailyDemand).toBeCloseTo(expected.averageDailyDemand, 9);
    expect(figures.standardDeviation ** 2).toBeCloseTo(expected.variance, 9);
    expect(figures.standardDeviation).toBeCloseTo(expected.standardDeviation, 9);
    expect(figures.serviceFactor).toBeCloseTo(expected.serviceFactor, 6);
    expect(Math.sqrt(settings.leadTimeDays)).toBeCloseTo(expected.sqrtLeadTime, 6);
    expect(figures.leadDemand).toBeCloseTo(expected.leadDemand, 9);
    expect(figures.safetyStock).toBeCloseTo(expected.safetyStock, 4);
    expect(figures.reorderPoint).toBeCloseTo(expected.reorderPoint, 4);
    expect(figures.periodDemand).toBeCloseTo(expected.periodDemand, 9);
    expect(figures.targetLevel).toBeCloseTo(expected.targetLevel, 4);
    expect(figures.stockPosition).toBe(expected.stockPosition);
    expect(figures.shortfall).toBeCloseTo(expected.shortfall, 4);
    expect(Math.max(figures.shortfall, settings.minimumOrderQuantity)).toBe(expected.afterMinimumOrderQuantity);
    expect(figures.orderQuantity).toBe(expected.orderQuantity);
    expect(figures.daysUntilStockOut).toBe(expected.daysUntilStockOut);
    expect(figures.ordersInPreviousLeadTime).toBe(expected.ordersInPreviousLeadTime);
  });

  it('without the minimum order quantity rounds the shortfall up to the batch size', () => {
    const noMinimum = forecastSettings({ ...workedExampleProduct, minimumOrderQuantity: null });
    expect(forecastFigures(daily, noMinimum).orderQuantity).toBe(expected.orderQuantityWithoutMinimum);
  });

  it('reports the same figures as an order-plan result', () => {
    const [result] = calculateOrderPlan({
      products: [workedExampleProduct],
      sales: workedExampleSales,
      calculatedAt: '2025-07-01T00:00:00Z',
    });
    expect(result).toMatchObject({
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
      calculatedDateTime: '2025-07-01T00:00:00Z',
      latestOrderDate: `${expected.windowLastDay}T00:00:00`,
      orderCount: 24,
    });
    expect(result?.safetyStockLevel).toBeCloseTo(expected.safetyStock, 4);
    expect(result?.reorderPoint).toBeCloseTo(expected.reorderPoint, 4);
    expect(result?.serviceFactor).toBeCloseTo(expected.serviceFactor, 6);
  });

  it('is the example written in sandbox/README.md', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const figure of ['61.5448', '131.5448', '281.5448', '141.5448', '1.644854', '3.741657', '15000', '216', '144']) {
      expect(readme).toContain(figure);
    }
    expect(readme).toContain(expected.windowFirstDay);
    expect(readme).toContain(expected.windowLastDay);
  });
});

describe('forecast rules', () => {
  const sales = [
    { productId: 'A', orderDate: '2025-01-10T09:30:00', quantity: 12 },
    { productId: 'A', orderDate: '2025-01-10T15:00:00', quantity: 12 },
    { productId: 'B', orderDate: '2025-05-09T00:00:00', quantity: 1 },
  ];

  it('ends the window on the latest sale of the whole account and sums same-day sales', () => {
    const window = demandWindow(sales)!;
    expect(window.lastDay).toBe(dayNumber('2025-05-09'));
    const a = dailyDemand(sales.filter((s) => s.productId === 'A'), window);
    expect(a.filter((d) => d > 0)).toEqual([24]);
    expect(demandWindow([])).toBeNull();
    expect(dailyDemand([], null)).toEqual([]);
  });

  it('drops sales older than the window', () => {
    const window = demandWindow(sales)!;
    const old = dailyDemand([{ productId: 'A', orderDate: '2024-01-01', quantity: 99 }], window);
    expect(old.every((d) => d === 0)).toBe(true);
  });

  it('applies the documented defaults', () => {
    const settings = forecastSettings({ productId: 'X' });
    expect(settings.serviceLevel).toBe(DEFAULT_SERVICE_LEVEL);
    expect(settings.leadTimeDays).toBe(DEFAULT_LEAD_TIME_DAYS);
    expect(settings.orderFrequencyDays).toBe(DEFAULT_ORDER_FREQUENCY_DAYS);
    expect(settings.reviewDays).toBe(DEFAULT_ORDER_FREQUENCY_DAYS);
    expect(settings.batchSize).toBe(1);
    expect(settings.minimumOrderQuantity).toBe(0);
    expect(settings.stockOnHand).toBe(0);
  });

  it('uses forecastPeriod instead of orderFrequency when it is set, and 0 means unset', () => {
    expect(forecastSettings({ productId: 'X', orderFrequency: 40, forecastPeriod: 10 }).reviewDays).toBe(10);
    expect(forecastSettings({ productId: 'X', orderFrequency: 40, forecastPeriod: 0 }).reviewDays).toBe(40);
  });

  it('adds up location stock when the product has no totals', () => {
    const settings = forecastSettings({
      productId: 'X',
      stockLocations: [
        { locationCode: 'AKL', stockOnHand: 20, stockOnOrder: 10 },
        { locationCode: 'WLG', stockOnHand: 30, stockOnOrder: 5 },
      ],
    });
    expect(settings.stockOnHand).toBe(50);
    expect(settings.stockOnOrder).toBe(15);
  });

  it('orders nothing for discontinued or unstocked products, and nothing without demand', () => {
    const daily = new Array<number>(120).fill(2);
    expect(forecastFigures(daily, forecastSettings({ productId: 'X', discontinued: true })).orderQuantity).toBe(0);
    expect(forecastFigures(daily, forecastSettings({ productId: 'X', unstocked: true })).orderQuantity).toBe(0);
    expect(forecastFigures(daily, forecastSettings({ productId: 'X' })).orderQuantity).toBe(120);
    const none = forecastFigures(new Array<number>(120).fill(0), forecastSettings({ productId: 'X', stockOnHand: 5 }));
    expect(none.orderQuantity).toBe(0);
    expect(none.daysUntilStockOut).toBeNull();
    expect(none.safetyStock).toBe(0);
  });

  it('counts days until stock-out down to 0 and never below', () => {
    const daily = new Array<number>(120).fill(3);
    expect(forecastFigures(daily, forecastSettings({ productId: 'X', stockOnHand: 10 })).daysUntilStockOut).toBe(3);
    expect(forecastFigures(daily, forecastSettings({ productId: 'X', stockOnHand: -4 })).daysUntilStockOut).toBe(0);
  });

  it('lets an overridden demand replace the history rate', () => {
    const settings = forecastSettings({ productId: 'X', overriddenDemand: 90, overriddenDemandPeriod: 30, leadTime: 10 });
    const figures = forecastFigures(new Array<number>(120).fill(1), settings);
    expect(figures.dailyRate).toBe(3);
    expect(figures.averageDailyDemand).toBe(1);
    expect(figures.leadDemand).toBe(30);
  });

  it('clamps impossible service levels and says so', () => {
    const settings = forecastSettings({ productId: 'X', serviceLevel: 95 });
    expect(settings.serviceLevel).toBe(0.9999);
    expect(settings.notes.join(' ')).toMatch(/serviceLevel 95/);
    expect(forecastSettings({ productId: 'X', serviceLevel: 0.2 }).serviceLevel).toBe(0.5);
  });

  it('rounds up to batch multiples without float noise', () => {
    expect(roundUpToBatch(0.3, 0.1)).toBe(0.3);
    expect(roundUpToBatch(48, 24)).toBe(48);
    expect(roundUpToBatch(48.01, 24)).toBe(72);
    expect(roundUpToBatch(0, 24)).toBe(0);
  });

  it('computes mean and population standard deviation', () => {
    expect(mean([])).toBe(0);
    expect(populationStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });
});
