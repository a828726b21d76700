import 'server-only';
import { type SalesOrderGroup, groupPushRowsIntoOrders } from '@/lib/import/sales-order-grouping';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
import type { RowOutcome } from '@/lib/push-types';
import { salesOrderWithLineItemsRequestSchema, toValidationProblem } from '@/lib/stocktrim/contract';
import { StockTrimError } from '@/lib/stocktrim/stocktrim-error';
import { problemText } from './problem-text';
import { type PushContext, type Pusher, rowFailure } from './pusher';

const LINE_KEY = /^SaleOrderLineItems\[(\d+)\]/i;

/** Which lines of the order StockTrim's problem document blames, with their messages. */
function blamedLines(fieldErrors: Readonly<Record<string, readonly string[]>>): Map<number, string> {
  const blamed = new Map<number, string>();
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const match = LINE_KEY.exec(key);
    if (!match) return new Map();
    const index = Number(match[1]);
    const field = key.slice(match[0].length).replace(/^\./, '') || 'line';
    blamed.set(index, [blamed.get(index), `${field}: ${messages.join(' ')}`].filter(Boolean).join('; '));
  }
  return blamed;
}

/**
 * PUT one order. StockTrim refuses a whole order for one bad line (e.g. a code that is not a
 * product, such as POST for postage), so blamed lines are taken out with StockTrim's reason and
 * the rest of the order is sent again: one bad line never stops the others.
 */
async function pushOrder(group: SalesOrderGroup, { client }: PushContext): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  let lines = group.order.saleOrderLineItems.map((item, i) => ({ item, rowNumber: group.rowNumbers[i] as number }));
  while (lines.length > 0) {
    const order = { ...group.order, saleOrderLineItems: lines.map((l) => l.item) };
    const checked = salesOrderWithLineItemsRequestSchema.safeParse(order);
    if (!checked.success) {
      const message = problemText(toValidationProblem(checked.error, { schema: salesOrderWithLineItemsRequestSchema, input: order }).errors);
      return [...outcomes, ...lines.map((l) => ({ rowNumber: l.rowNumber, status: 'rejected' as const, message }))];
    }
    try {
      await client.request('PUT', '/SalesOrdersBulk', { body: checked.data, idempotent: true });
      return [...outcomes, ...lines.map((l) => ({ rowNumber: l.rowNumber, status: 'sent' as const }))];
    } catch (error) {
      const blamed = error instanceof StockTrimError && error.kind === 'validation' ? blamedLines(error.fieldErrors) : new Map<number, string>();
      if (blamed.size === 0 || blamed.size === lines.length) return [...outcomes, ...lines.map((l) => rowFailure(l.rowNumber, error))];
      for (const [index, message] of blamed) {
        const line = lines[index];
        if (line) outcomes.push({ rowNumber: line.rowNumber, status: 'rejected', message: `StockTrim rejected this line: ${message}` });
      }
      lines = lines.filter((_, i) => !blamed.has(i));
    }
  }
  return outcomes;
}

/** Lines grouped into orders and sent with PUT /SalesOrdersBulk, which updates lines it has. */
export const pushSalesOrders: Pusher = async (rows, context) => {
  const groups = groupPushRowsIntoOrders(rows);
  const perOrder = await mapWithConcurrency(groups, context.concurrency, (g) => pushOrder(g, context));
  return perOrder.flat();
};
