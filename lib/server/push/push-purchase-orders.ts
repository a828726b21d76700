import 'server-only';
import { purchaseOrdersDataset } from '@/lib/datasets/purchase-orders';
import { groupByOrderKey } from '@/lib/import/order-key';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
import type { RowOutcome } from '@/lib/push-types';
import { purchaseOrderRequestSchema } from '@/lib/stocktrim/contract';
import { sendRemovingBlamed } from './blamed-items';
import { conflictOutcomes, foldRows } from './fold-rows';
import type { Pusher } from './pusher';

type Flat = Readonly<Record<string, unknown>>;

function some(object: Record<string, unknown>): Record<string, unknown> | undefined {
  const given = Object.entries(object).filter(([, v]) => v !== undefined);
  return given.length > 0 ? Object.fromEntries(given) : undefined;
}

/**
 * A folded order → PurchaseOrderRequestDto. The reference is sent as both references: StockTrim
 * upserts on clientReferenceNumber, and reads and deletes orders by referenceNumber.
 */
export function purchaseOrderBody(order: Flat, lines: readonly unknown[]): Record<string, unknown> {
  const location = some({ locationCode: order.locationCode, locationName: order.locationName });
  return {
    orderDate: order.orderDate,
    clientReferenceNumber: order.clientReferenceNumber,
    referenceNumber: order.clientReferenceNumber,
    supplier: some({ supplierCode: order.supplierCode, supplierName: order.supplierName }) ?? {},
    ...(order.status !== undefined ? { status: order.status } : {}),
    ...(order.externalId !== undefined ? { externalId: order.externalId } : {}),
    ...(location ? { location } : {}),
    purchaseOrderLineItems: lines,
  };
}

/**
 * One POST /PurchaseOrders per order (rows with one reference). A line StockTrim refuses (a
 * code that is not a product) is taken out with its reason and the order sent without it.
 */
export const pushPurchaseOrders: Pusher = async (rows, { client, concurrency }) => {
  const groups = groupByOrderKey(purchaseOrdersDataset.orderKey!, rows);
  const perOrder = await mapWithConcurrency(groups, concurrency, async (group): Promise<RowOutcome[]> => {
    const { record, conflicts, entryRows } = foldRows(purchaseOrdersDataset, group.rows);
    if (conflicts.size > 0) return conflictOutcomes(group.rows, conflicts);
    const lines = (record.purchaseOrderLineItems as unknown[] | undefined) ?? [];
    const lineRows = entryRows.purchaseOrderLineItems ?? [];
    return sendRemovingBlamed({
      items: lines.map((item, i) => ({ item, rowNumber: lineRows[i]! })),
      body: (items) => purchaseOrderBody(record, items),
      schema: purchaseOrderRequestSchema,
      send: async (body) => {
        await client.request('POST', '/PurchaseOrders', { body, idempotent: true });
      },
      itemKey: /^PurchaseOrderLineItems\[(\d+)\]/i,
      itemNoun: 'line',
    });
  });
  return perOrder.flat();
};
