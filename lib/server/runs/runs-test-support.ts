/**
 * Shared by the run tests: synthetic sales history shaped like the import page's output
 * (stable references, batches of whole orders), and reads of what the sandbox really holds.
 */
import { orderGroupKey, planOrderBatches } from '@/lib/import/sales-order-grouping';
import { formatLineReference } from '@/lib/import/sales-line-reference';
import type { StockTrimClient } from '@/lib/stocktrim/client';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
import { RUN_BATCH_ROWS } from './run-api';
import type { NewRunRow } from './run-store';

export interface SalesFixture {
  readonly productIds: readonly string[];
  readonly rows: readonly NewRunRow[];
  /** Per product: lines and total quantity the file holds. */
  readonly expected: ReadonlyMap<string, { count: number; quantity: number }>;
}

/** `orders` orders of `linesPerOrder` lines over `productCount` products; the first row is row 2 (after the header). */
export function salesFixture(orders: number, linesPerOrder: number, productCount: number, prefix = 'P'): SalesFixture {
  const productIds = Array.from({ length: productCount }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`);
  const lines: { rowNumber: number; values: Record<string, string | number> }[] = [];
  const occurrences = new Map<string, number>();
  for (let o = 0; o < orders; o++) {
    const orderNumber = `SO-${o + 1}`;
    const day = String((o % 28) + 1).padStart(2, '0');
    const orderDate = `2024-03-${day}T10:00:00`;
    for (let l = 0; l < linesPerOrder; l++) {
      const productId = productIds[(o * 7 + l * 13) % productCount] as string;
      const quantity = ((o + l) % 9) + 1;
      const key = `${orderNumber}\u001f${productId}`;
      const k = (occurrences.get(key) ?? 0) + 1;
      occurrences.set(key, k);
      const identity = { orderNumber, productId, orderDate, quantity, unitPrice: null, customerCode: null, locationCode: null };
      lines.push({
        rowNumber: lines.length + 2,
        values: { orderNumber, productId, orderDate, quantity, externalReferenceId: formatLineReference(identity, k) },
      });
    }
  }
  const batches = planOrderBatches(lines.map((l) => orderGroupKey(l.values)), RUN_BATCH_ROWS);
  const rows: NewRunRow[] = [];
  batches.forEach((indices, batch) => {
    for (const i of indices) {
      const line = lines[i]!;
      rows.push({ rowNumber: line.rowNumber, batch, values: line.values, status: 'pending' });
    }
  });
  const expected = new Map<string, { count: number; quantity: number }>();
  for (const line of lines) {
    const e = expected.get(line.values.productId as string) ?? { count: 0, quantity: 0 };
    e.count += 1;
    e.quantity += line.values.quantity as number;
    expected.set(line.values.productId as string, e);
  }
  return { productIds, rows, expected };
}

export async function seedProducts(client: StockTrimClient, productIds: readonly string[]): Promise<void> {
  await mapWithConcurrency(productIds, 8, (productId) => client.request('POST', '/Products', { body: { productId }, idempotent: true }));
}

/** Per product: the lines and total quantity the sandbox holds (404 = none). */
export async function salesHeld(client: StockTrimClient, productIds: readonly string[]): Promise<Map<string, { count: number; quantity: number }>> {
  const held = new Map<string, { count: number; quantity: number }>();
  await mapWithConcurrency(productIds, 8, async (productId) => {
    try {
      const res = await client.request<{ quantity: number }[]>('GET', '/SalesOrders', { query: { productId } });
      held.set(productId, { count: res.data.length, quantity: res.data.reduce((s, l) => s + l.quantity, 0) });
    } catch (error) {
      if ((error as { kind?: string }).kind === 'not-found') held.set(productId, { count: 0, quantity: 0 });
      else throw error;
    }
  });
  return held;
}
