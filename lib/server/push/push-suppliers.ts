import 'server-only';
import { suppliersDataset } from '@/lib/datasets/suppliers';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
import type { RowOutcome } from '@/lib/push-types';
import { suppliersRequestSchema } from '@/lib/stocktrim/contract';
import { sendRemovingBlamed } from './blamed-items';
import type { Pusher } from './pusher';
import { stockTrimValues } from './stocktrim-values';

/** Suppliers per POST /Suppliers: StockTrim documents no cap, so requests stay modest. */
export const SUPPLIERS_PER_REQUEST = 100;

/** POST /Suppliers takes an array and upserts each on its code, in order. */
export const pushSuppliers: Pusher = async (rows, { client, concurrency }) => {
  const chunks: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += SUPPLIERS_PER_REQUEST) chunks.push(rows.slice(i, i + SUPPLIERS_PER_REQUEST));
  const perChunk = await mapWithConcurrency(chunks, concurrency, (chunk): Promise<RowOutcome[]> =>
    sendRemovingBlamed({
      items: chunk.map((row) => ({ item: stockTrimValues(suppliersDataset, row.values), rowNumber: row.rowNumber })),
      body: (items) => items,
      schema: suppliersRequestSchema,
      send: async (body) => {
        await client.request('POST', '/Suppliers', { body, idempotent: true });
      },
      itemKey: /^\[(\d+)\]/,
      itemNoun: 'supplier',
    }),
  );
  return perChunk.flat();
};
