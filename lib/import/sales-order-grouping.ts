/**
 * Sales lines → orders for PUT /api/SalesOrdersBulk. Lines with the same order number form one
 * order; lines without one are grouped by date + customer + location. Lines of different
 * orders are never merged, and an order is never split across push batches (a split order
 * would be created twice). The order number is a dashboard-only field (stockTrim: false in
 * the registry) and is not sent to StockTrim.
 */
import { salesOrdersDataset } from '@/lib/datasets/sales-orders';
import { nonEmptyText as text, orderGroupKey } from '@/lib/datasets/sales-order-key';
import type { CellValue, PushRow } from './import-types';

export { orderGroupKey };

export const DEFAULT_SALES_BATCH_LINES = 500;

export interface SalesOrderLineItem {
  readonly productId: string;
  readonly externalReferenceId: string;
  readonly orderDate: string;
  readonly quantity: number;
  readonly unitPrice?: number;
  readonly locationCode?: string;
  readonly locationName?: string;
  readonly customerCode?: string;
  readonly customerName?: string;
}

export interface SalesOrderBulkOrder {
  readonly orderDate: string;
  readonly locationCode?: string;
  readonly locationName?: string;
  readonly customerCode?: string;
  readonly customerName?: string;
  readonly saleOrderLineItems: readonly SalesOrderLineItem[];
}

export interface SalesOrderGroup {
  /** Grouping key (order number, or date + customer + location). Not sent. */
  readonly key: string;
  readonly order: SalesOrderBulkOrder;
  /** Spreadsheet rows of the lines, in the same order as saleOrderLineItems. */
  readonly rowNumbers: readonly number[];
}

/** Fields of a line item that StockTrim takes, straight from the registry. */
const SENT_LINE_FIELDS = salesOrdersDataset.fields.filter((f) => f.stockTrim !== false).map((f) => f.key);
const ORDER_HEADER_FIELDS = ['locationCode', 'locationName', 'customerCode', 'customerName'] as const;

function lineItemOf(row: PushRow): SalesOrderLineItem {
  const item: Record<string, CellValue> = {};
  for (const key of SENT_LINE_FIELDS) {
    const v = row.values[key];
    if (v !== null && v !== undefined && v !== '') item[key] = v;
  }
  const ref = row.values.externalReferenceId;
  if (typeof ref !== 'string' || ref === '') {
    throw new Error(`Row ${row.rowNumber}: a sales line has no externalReferenceId; it cannot be sent without one.`);
  }
  item.externalReferenceId = ref;
  return item as unknown as SalesOrderLineItem;
}

/**
 * Server side: groups a batch of validated lines into orders, keeping which rows each order
 * carries so per-order results can be reported against spreadsheet rows. Orders come out in
 * the order their first line appears; lines keep their batch order.
 */
export function groupPushRowsIntoOrders(rows: readonly PushRow[]): SalesOrderGroup[] {
  const groups = new Map<string, { first: PushRow; items: SalesOrderLineItem[]; rowNumbers: number[] }>();
  for (const row of rows) {
    const key = orderGroupKey(row.values);
    let g = groups.get(key);
    if (!g) {
      g = { first: row, items: [], rowNumbers: [] };
      groups.set(key, g);
    }
    g.items.push(lineItemOf(row));
    g.rowNumbers.push(row.rowNumber);
  }
  const out: SalesOrderGroup[] = [];
  for (const [key, g] of groups) {
    const order: Record<string, unknown> = { orderDate: text(g.first.values.orderDate) ?? '' };
    for (const f of ORDER_HEADER_FIELDS) {
      const v = text(g.first.values[f]);
      if (v !== null) order[f] = v;
    }
    order.saleOrderLineItems = g.items;
    out.push({ key, order: order as unknown as SalesOrderBulkOrder, rowNumbers: g.rowNumbers });
  }
  return out;
}

/**
 * Worker side: cuts lines into push batches of about `batchSize` lines at order boundaries.
 * `orderKeys[i]` is the order key of line i (file order). Returns, per batch, the indices of
 * its lines grouped by order (orders in first-appearance order, lines in file order). An
 * order larger than batchSize gets a batch of its own rather than being split.
 */
export function planOrderBatches(orderKeys: readonly string[], batchSize: number = DEFAULT_SALES_BATCH_LINES): number[][] {
  const size = Math.max(1, Math.floor(batchSize));
  const orderOf = new Map<string, number>();
  const orderLines: number[][] = [];
  for (let i = 0; i < orderKeys.length; i++) {
    const key = orderKeys[i]!;
    let o = orderOf.get(key);
    if (o === undefined) {
      o = orderLines.length;
      orderOf.set(key, o);
      orderLines.push([]);
    }
    orderLines[o]!.push(i);
  }
  const batches: number[][] = [];
  let current: number[] = [];
  for (const lines of orderLines) {
    if (current.length > 0 && current.length + lines.length > size) {
      batches.push(current);
      current = [];
    }
    for (const l of lines) current.push(l);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Server side: StockTrim keeps one line per externalReferenceId, so a second row carrying a
 * reference already used in the same batch would silently replace the first. Every such row
 * after the first is refused, naming both rows; the rest go on.
 */
export function splitDuplicateReferences(rows: readonly PushRow[]): { readonly unique: PushRow[]; readonly duplicates: { rowNumber: number; message: string }[] } {
  const firstRow = new Map<string, number>();
  const unique: PushRow[] = [];
  const duplicates: { rowNumber: number; message: string }[] = [];
  for (const row of rows) {
    const ref = row.values.externalReferenceId;
    if (typeof ref !== 'string' || ref === '') {
      unique.push(row);
      continue;
    }
    const first = firstRow.get(ref);
    if (first === undefined) {
      firstRow.set(ref, row.rowNumber);
      unique.push(row);
    } else {
      duplicates.push({
        rowNumber: row.rowNumber,
        message: `Row ${row.rowNumber} has the same line reference "${ref}" as row ${first}; StockTrim keeps one line per reference, so row ${row.rowNumber} was not sent (it would overwrite row ${first}).`,
      });
    }
  }
  return { unique, duplicates };
}
