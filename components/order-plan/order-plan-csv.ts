/** The order plan as CSV, through the formula-safe writer: a product named "=1+2" stays text in Excel. */
import { type CsvCell, toCsv } from '@/lib/csv/write-csv';
import type { OrderPlanRow } from '@/lib/forecast-types';
import { needsOrderNow, runsOutBeforeDelivery } from './order-plan-model';

const columns: readonly { readonly header: string; readonly cell: (row: OrderPlanRow) => CsvCell }[] = [
  { header: 'Product code', cell: (r) => r.productCode },
  { header: 'Name', cell: (r) => r.name },
  { header: 'Category', cell: (r) => r.category },
  { header: 'Location', cell: (r) => r.locationName },
  { header: 'Stock on hand', cell: (r) => r.stockOnHand },
  { header: 'Stock on order', cell: (r) => r.stockOnOrder },
  { header: 'Lead time (days)', cell: (r) => r.leadTimeDays },
  { header: 'Reorder point', cell: (r) => round2(r.reorderPoint) },
  { header: 'Days until stock-out', cell: (r) => r.daysUntilStockOut },
  { header: 'Minimum order quantity', cell: (r) => r.minimumOrderQuantity },
  { header: 'Order quantity', cell: (r) => r.orderQuantity },
  { header: 'Unit cost', cell: (r) => r.cost },
  { header: 'Order value', cell: (r) => r.orderValue },
  { header: 'Order now', cell: (r) => (needsOrderNow(r) ? 'yes' : 'no') },
  { header: 'Runs out before delivery', cell: (r) => (runsOutBeforeDelivery(r) ? 'yes' : 'no') },
  { header: 'Discontinued', cell: (r) => (r.isDiscontinued ? 'yes' : 'no') },
];

function round2(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

export const orderPlanCsvHeader = columns.map((c) => c.header);

export function orderPlanCsvRows(rows: readonly OrderPlanRow[]): CsvCell[][] {
  return rows.map((row) => columns.map((c) => c.cell(row)));
}

/** The rows in the order the table shows them. */
export function orderPlanCsv(rows: readonly OrderPlanRow[]): string {
  return toCsv([orderPlanCsvHeader, ...orderPlanCsvRows(rows)]);
}

export function orderPlanFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `order-plan-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
