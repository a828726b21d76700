/**
 * The order plan as the page reads it: which rows need an order now, sorting, totals and the
 * rows most at risk of running out. Pure, so the table, the chart and the CSV agree.
 */
import type { OrderPlanRow } from '@/lib/forecast-types';

export const sortableColumns = ['orderQuantity', 'daysUntilStockOut', 'reorderPoint', 'orderValue'] as const;
export type SortColumn = (typeof sortableColumns)[number];
export type SortDirection = 'ascending' | 'descending';

export interface PlanSort {
  readonly column: SortColumn;
  readonly direction: SortDirection;
}

/** Most urgent first: the default a buyer opens the plan for. */
export const defaultPlanSort: PlanSort = { column: 'daysUntilStockOut', direction: 'ascending' };

/** StockTrim suggests ordering now whenever its order quantity is above 0. */
export function needsOrderNow(row: OrderPlanRow): boolean {
  return (row.orderQuantity ?? 0) > 0;
}

/**
 * Stock runs out before an order placed today could arrive. Not said of discontinued or
 * unstocked products: they are not reordered, so running out is the plan, not a risk.
 */
export function runsOutBeforeDelivery(row: OrderPlanRow): boolean {
  if (row.isDiscontinued || row.isUnstocked) return false;
  return row.daysUntilStockOut !== null && row.leadTimeDays !== null && row.daysUntilStockOut < row.leadTimeDays;
}

/**
 * Sorted copy. Unknown values (no sales, so no stock-out date; no cost, so no value) go last
 * in both directions: they are never the most or the least urgent.
 */
export function sortPlan(rows: readonly OrderPlanRow[], sort: PlanSort): OrderPlanRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[sort.column];
    const y = b[sort.column];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      return (x - y) * sign;
    }
    return a.productCode < b.productCode ? -1 : a.productCode > b.productCode ? 1 : 0;
  });
}

/** Clicking a column sorts by it; clicking it again turns the order round. */
export function nextSort(current: PlanSort, column: SortColumn): PlanSort {
  if (current.column !== column) return { column, direction: column === 'daysUntilStockOut' ? 'ascending' : 'descending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}

export interface PlanTotals {
  readonly products: number;
  readonly toOrder: number;
  readonly atRisk: number;
  readonly orderQuantity: number;
  readonly orderValue: number;
  /** Rows to order whose cost StockTrim does not have, so the value total leaves them out. */
  readonly toOrderWithoutCost: number;
}

export function planTotals(rows: readonly OrderPlanRow[]): PlanTotals {
  let toOrder = 0;
  let atRisk = 0;
  let orderQuantity = 0;
  let orderValue = 0;
  let toOrderWithoutCost = 0;
  for (const row of rows) {
    if (runsOutBeforeDelivery(row)) atRisk++;
    if (!needsOrderNow(row)) continue;
    toOrder++;
    orderQuantity += row.orderQuantity ?? 0;
    if (row.orderValue === null) toOrderWithoutCost++;
    else orderValue += row.orderValue;
  }
  return { products: rows.length, toOrder, atRisk, orderQuantity, orderValue: Math.round(orderValue * 100) / 100, toOrderWithoutCost };
}

/** The products that run out soonest, for the chart; discontinued ones are not reordered anyway. */
export function mostAtRisk(rows: readonly OrderPlanRow[], limit = 10): OrderPlanRow[] {
  return rows
    .filter((r) => r.daysUntilStockOut !== null && !r.isDiscontinued && !r.isUnstocked)
    .sort((a, b) => (a.daysUntilStockOut ?? 0) - (b.daysUntilStockOut ?? 0) || (b.orderQuantity ?? 0) - (a.orderQuantity ?? 0) || (a.productCode < b.productCode ? -1 : 1))
    .slice(0, limit);
}
