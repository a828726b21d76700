import 'server-only';
import { productsDataset } from '@/lib/datasets/products';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
import type { RowOutcome } from '@/lib/push-types';
import { type ProductsResponse, productsRequestSchema, toValidationProblem } from '@/lib/stocktrim/contract';
import { type Pusher, rowFailure } from './pusher';
import { problemText } from './problem-text';
import { stockTrimValues } from './stocktrim-values';

/** StockTrim has no bulk product endpoint: one upsert per product, a few at a time. */
export const pushProducts: Pusher = async (rows, { client, concurrency }) =>
  mapWithConcurrency(rows, concurrency, async (row): Promise<RowOutcome> => {
    const payload = stockTrimValues(productsDataset, row.values);
    const checked = productsRequestSchema.safeParse(payload);
    if (!checked.success) {
      return { rowNumber: row.rowNumber, status: 'rejected', message: problemText(toValidationProblem(checked.error, { schema: productsRequestSchema, input: payload }).errors) };
    }
    try {
      const res = await client.request<ProductsResponse>('POST', '/Products', { body: checked.data, idempotent: true });
      return { rowNumber: row.rowNumber, status: 'sent', created: res.status === 201 };
    } catch (error) {
      return rowFailure(row.rowNumber, error);
    }
  });
