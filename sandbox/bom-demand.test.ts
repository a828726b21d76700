import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withComponentDemand } from './bom-demand';
import { bomExampleFigures as expected, bomExampleLines, bomExampleProducts, bomExampleSales } from './bom-worked-example';
import { calculateOrderPlan, dailyDemand, demandWindow, forecastFigures, forecastSettings } from './forecast';

const series = (...values: number[]) => values;

describe('withComponentDemand', () => {
  it('adds quantity × assembly demand, day by day, through every level', () => {
    const own = new Map([
      ['KIT', series(1, 0, 2)],
      ['SUB', series(0, 1, 0)],
      ['PART', series(5, 5, 5)],
    ]);
    const { daily, cycles } = withComponentDemand({
      own,
      lines: [
        { productId: 'KIT', componentId: 'SUB', quantity: 2 },
        { productId: 'SUB', componentId: 'PART', quantity: 3 },
        { productId: 'KIT', componentId: 'PART', quantity: null },
      ],
    });
    expect(daily.get('KIT')).toEqual([1, 0, 2]);
    // SUB: own + 2 × KIT
    expect(daily.get('SUB')).toEqual([2, 1, 4]);
    // PART: own + 3 × SUB(total) + 1 × KIT (a null quantity means one per assembly)
    expect(daily.get('PART')).toEqual([5 + 6 + 1, 5 + 3 + 0, 5 + 12 + 2]);
    expect(cycles.size).toBe(0);
  });

  it('passes an overridden assembly rate on as a flat daily demand', () => {
    const own = new Map([
      ['KIT', series(0, 0, 9)],
      ['PART', series(0, 0, 0)],
    ]);
    const { daily } = withComponentDemand({
      own,
      lines: [{ productId: 'KIT', componentId: 'PART', quantity: 2 }],
      overriddenRates: new Map([['KIT', 1.5]]),
    });
    expect(daily.get('PART')).toEqual([3, 3, 3]);
  });

  it('ignores lines for unknown products and quantities that are not positive', () => {
    const own = new Map([
      ['KIT', series(1, 1)],
      ['PART', series(0, 0)],
    ]);
    const { daily } = withComponentDemand({
      own,
      lines: [
        { productId: 'GONE', componentId: 'PART', quantity: 1 },
        { productId: 'KIT', componentId: 'PART', quantity: 0 },
        { productId: 'KIT', componentId: 'PART', quantity: -2 },
      ],
    });
    expect(daily.get('PART')).toEqual([0, 0]);
  });

  it('is safe with cycles: it stops, and says which link it left out', () => {
    const own = new Map([
      ['A', series(1, 1)],
      ['B', series(0, 0)],
      ['C', series(0, 0)],
    ]);
    const { daily, cycles } = withComponentDemand({
      own,
      lines: [
        { productId: 'A', componentId: 'B', quantity: 1 },
        { productId: 'B', componentId: 'C', quantity: 1 },
        { productId: 'C', componentId: 'A', quantity: 1 },
        { productId: 'A', componentId: 'A', quantity: 1 },
      ],
    });
    expect(cycles.size).toBeGreaterThan(0);
    for (const values of daily.values()) expect(values.every(Number.isFinite)).toBe(true);
    const results = calculateOrderPlan({
      products: [{ productId: 'A' }, { productId: 'B' }, { productId: 'C' }],
      sales: [{ productId: 'A', orderDate: '2025-01-01', quantity: 1 }],
      boms: [
        { productId: 'A', componentId: 'B', quantity: 1 },
        { productId: 'B', componentId: 'A', quantity: 1 },
      ],
      calculatedAt: '2025-01-02T00:00:00',
    });
    expect(results.map((r) => r.errorText ?? '').join(' ')).toMatch(/closes a cycle/);
    expect(results[0]?.avgDailyOrdersLast120Days).toBeGreaterThan(0);
  });
});

describe('the README bill-of-materials example', () => {
  const results = calculateOrderPlan({
    products: bomExampleProducts,
    sales: bomExampleSales,
    boms: bomExampleLines,
    calculatedAt: '2025-07-01T00:00:00',
  });
  const byCode = new Map(results.map((r) => [r.productCode, r]));

  it('passes the lamp demand to its shade, bulbs and (through the shade) fabric', () => {
    expect(byCode.get('LAMP')?.avgDailyOrdersLast120Days).toBeCloseTo(expected.lampRate, 9);
    expect(byCode.get('LAMP')?.standardDev).toBeCloseTo(expected.lampStandardDeviation, 9);
    expect(byCode.get('SHADE')?.avgDailyOrdersLast120Days).toBeCloseTo(expected.shadeRate, 9);
    expect(byCode.get('FABRIC')?.avgDailyOrdersLast120Days).toBeCloseTo(expected.fabricRate, 9);
    expect(byCode.get('FABRIC')?.standardDev).toBeCloseTo(expected.fabricStandardDeviation, 9);
    // Components are not uncertain just because nobody buys them on their own.
    expect(byCode.get('FABRIC')?.isUncertain).toBe(false);
  });

  it('computes every bulb figure', () => {
    const window = demandWindow(bomExampleSales);
    const own = dailyDemand(bomExampleSales.filter((s) => s.productId === 'BULB'), window);
    expect(own.reduce((a, b) => a + b, 0) / own.length).toBeCloseTo(expected.bulbOwnRate, 9);

    const bulb = byCode.get('BULB')!;
    const combined: number[] = own.map((d) => (d > 0 ? expected.bulbUnitsPerSaleDay : 0));
    expect(combined.reduce((a, b) => a + b * b, 0)).toBe(expected.bulbSumOfSquares);
    expect(bulb.avgDailyOrdersLast120Days).toBeCloseTo(expected.bulbRate, 9);
    expect(bulb.standardDev! ** 2).toBeCloseTo(expected.bulbVariance, 6);
    expect(bulb.standardDev).toBeCloseTo(expected.bulbStandardDeviation, 9);
    expect(Math.sqrt(10)).toBeCloseTo(expected.sqrtLeadTime, 6);
    expect(bulb.leadDemand).toBeCloseTo(expected.leadDemand, 9);
    expect(bulb.safetyStockLevel).toBeCloseTo(expected.safetyStock, 4);
    expect(bulb.reorderPoint).toBeCloseTo(expected.reorderPoint, 4);
    expect(bulb.forecastPeriodDemand).toBeCloseTo(expected.periodDemand, 9);
    expect(bulb.orderQuantity).toBe(expected.orderQuantity);
    expect(bulb.daysUntilStockOut).toBe(expected.daysUntilStockOut);
    expect(bulb.ordersInPreviousLeadTime).toBe(expected.ordersInPreviousLeadTime);

    const figures = forecastFigures(combined, forecastSettings(bomExampleProducts[3]));
    expect(figures.targetLevel).toBeCloseTo(expected.targetLevel, 4);
    expect(figures.shortfall).toBeCloseTo(expected.shortfall, 4);
  });

  it('is the example written in sandbox/README.md', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    for (const figure of [
      expected.safetyStock, expected.reorderPoint, expected.targetLevel, expected.shortfall,
      expected.bulbSumOfSquares, expected.bulbVariance, expected.bulbStandardDeviation, expected.sqrtLeadTime,
    ]) {
      expect(readme).toContain(String(figure));
    }
    expect(readme).toMatch(new RegExp(`orderQuantity: ${expected.orderQuantity}`));
  });
});
