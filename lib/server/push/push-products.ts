import 'server-only';
import { productsImportDataset } from '@/lib/datasets/products-import';
import { groupByOrderKey } from '@/lib/import/order-key';
import type { RowOutcome } from '@/lib/push-types';
import { productsRequestSchema } from '@/lib/stocktrim/contract';
import { conflictOutcomes, foldRows } from './fold-rows';
import type { Pusher } from './pusher';
import { type RecordToSend, sendEach } from './send-each';

/**
 * StockTrim has no bulk product endpoint: one upsert per product, a few at a time. The rows of
 * one product (one per location or supplier, in a long file) become that one request.
 */
export const pushProducts: Pusher = async (rows, context) => {
  const refused: RowOutcome[] = [];
  const records: RecordToSend[] = [];
  for (const group of groupByOrderKey(productsImportDataset.orderKey!, rows)) {
    const folded = foldRows(productsImportDataset, group.rows);
    if (folded.conflicts.size > 0) refused.push(...conflictOutcomes(group.rows, folded.conflicts));
    else records.push({ rowNumbers: group.rows.map((r) => r.rowNumber), payload: folded.record });
  }
  const sent = await sendEach(records, context, { schema: productsRequestSchema, method: 'POST', path: '/Products', reportsCreated: true });
  return [...refused, ...sent];
};
