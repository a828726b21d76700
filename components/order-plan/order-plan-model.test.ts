import { describe, expect, it } from 'vitest';
import { mostAtRisk, needsOrderNow, nextSort, planTotals, runsOutBeforeDelivery, sortPlan } from './order-plan-model';
import { planRow } from './order-plan-test-rows';

const rows = [
  planRow('B', { orderQuantity: 500, daysUntilStockOut: 20, leadTimeDays: 14, reorderPoint: 131.5, cost: 2.5, orderValue: 1250 }),
  planRow('A', { orderQuantity: 120, daysUntilStockOut: 4, leadTimeDays: 10, reorderPoint: 60, cost: null, orderValue: null }),
  planRow('C', { orderQuantity: 0, daysUntilStockOut: null, reorderPoint: 0, cost: 1, orderValue: 0 }),
  planRow('D', { orderQuantity: 30, daysUntilStockOut: 4, leadTimeDays: 3, reorderPoint: 12, cost: 0.1, orderValue: 3 }),
];
const codes = (list: readonly { productCode: string }[]) => list.map((r) => r.productCode);

describe('order plan model', () => {
  it('marks rows to order now and rows that run out before an order could arrive', () => {
    expect(rows.map(needsOrderNow)).toEqual([true, true, false, true]);
    expect(rows.map(runsOutBeforeDelivery)).toEqual([false, true, false, false]);
    expect(runsOutBeforeDelivery(planRow('OLD', { daysUntilStockOut: 0, leadTimeDays: 30, isDiscontinued: true }))).toBe(false);
  });

  it('sorts by each column, unknown values last either way, ties by code', () => {
    expect(codes(sortPlan(rows, { column: 'orderQuantity', direction: 'descending' }))).toEqual(['B', 'A', 'D', 'C']);
    expect(codes(sortPlan(rows, { column: 'daysUntilStockOut', direction: 'ascending' }))).toEqual(['A', 'D', 'B', 'C']);
    expect(codes(sortPlan(rows, { column: 'daysUntilStockOut', direction: 'descending' }))).toEqual(['B', 'A', 'D', 'C']);
    expect(codes(sortPlan(rows, { column: 'orderValue', direction: 'ascending' }))).toEqual(['C', 'D', 'B', 'A']);
    expect(codes(sortPlan(rows, { column: 'reorderPoint', direction: 'descending' }))).toEqual(['B', 'A', 'D', 'C']);
  });

  it('turns the order round on a second click, and starts a new column at its useful end', () => {
    expect(nextSort({ column: 'orderQuantity', direction: 'descending' }, 'orderQuantity')).toEqual({ column: 'orderQuantity', direction: 'ascending' });
    expect(nextSort({ column: 'orderQuantity', direction: 'descending' }, 'daysUntilStockOut')).toEqual({ column: 'daysUntilStockOut', direction: 'ascending' });
    expect(nextSort({ column: 'daysUntilStockOut', direction: 'ascending' }, 'orderValue')).toEqual({ column: 'orderValue', direction: 'descending' });
  });

  it('adds up what to order, and says how many rows have no cost', () => {
    expect(planTotals(rows)).toEqual({ products: 4, toOrder: 3, atRisk: 1, orderQuantity: 650, orderValue: 1253, toOrderWithoutCost: 1 });
    expect(planTotals([])).toEqual({ products: 0, toOrder: 0, atRisk: 0, orderQuantity: 0, orderValue: 0, toOrderWithoutCost: 0 });
  });

  it('charts the soonest stock-outs, leaving out unknown and discontinued', () => {
    const withOld = [...rows, planRow('OLD', { daysUntilStockOut: 0, isDiscontinued: true })];
    expect(codes(mostAtRisk(withOld))).toEqual(['A', 'D', 'B']);
    expect(codes(mostAtRisk(withOld, 1))).toEqual(['A']);
  });
});
