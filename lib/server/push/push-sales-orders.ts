import 'server-only';
import { type SalesOrderGroup, groupPushRowsIntoOrders, splitDuplicateReferences } from '@/lib/import/sales-order-grouping';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
import type { RowOutcome } from '@/lib/push-types';
import { salesOrderWithLineItemsRequestSchema } from '@/lib/stocktrim/contract';
import { sendRemovingBlamed } from './blamed-items';
import type { PushContext, Pusher } from './pusher';

/**
 * PUT one order. StockTrim refuses a whole order for one bad line (e.g. a code that is not a
 * product, such as POST for postage), so blamed lines are taken out with StockTrim's reason and
 * the rest of the order is sent again: one bad line never stops the others.
 */
function pushOrder(group: SalesOrderGroup, { client }: PushContext): Promise<RowOutcome[]> {
  return sendRemovingBlamed({
    items: group.order.saleOrderLineItems.map((item, i) => ({ item, rowNumber: group.rowNumbers[i] as number })),
    body: (items) => ({ ...group.order, saleOrderLineItems: items }),
    schema: salesOrderWithLineItemsRequestSchema,
    send: async (body) => {
      await client.request('PUT', '/SalesOrdersBulk', { body, idempotent: true });
    },
    itemKey: /^SaleOrderLineItems\[(\d+)\]/i,
    itemNoun: 'line',
  });
}

/** Lines grouped into orders and sent with PUT /SalesOrdersBulk, which updates lines it has. */
export const pushSalesOrders: Pusher = async (rows, context) => {
  const { unique, duplicates } = splitDuplicateReferences(rows);
  const refused: RowOutcome[] = duplicates.map((d) => ({ rowNumber: d.rowNumber, status: 'rejected', message: d.message }));
  const groups = groupPushRowsIntoOrders(unique);
  const perOrder = await mapWithConcurrency(groups, context.concurrency, (g) => pushOrder(g, context));
  return [...perOrder.flat(), ...refused];
};
