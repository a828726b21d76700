import 'server-only';
import { inventoryDataset } from '@/lib/datasets/inventory';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
import type { RowOutcome } from '@/lib/push-types';
import { setInventoryRequestSchema } from '@/lib/stocktrim/contract';
import { sendRemovingBlamed } from './blamed-items';
import { type Pusher, pushOption } from './pusher';
import { stockTrimValues } from './stocktrim-values';

/** Inventory rows per POST /Inventory. */
export const INVENTORY_ROWS_PER_REQUEST = 250;

/**
 * POST /Inventory with the user's two "overall = sum of locations" switches. Each request is
 * all or nothing in StockTrim, so rows it blames (a code that is not a product) are taken out
 * and the rest sent again. The request is idempotent: it sets figures, it does not add them.
 */
export const pushInventory: Pusher = async (rows, { client, concurrency, options }) => {
  const chunks: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += INVENTORY_ROWS_PER_REQUEST) chunks.push(rows.slice(i, i + INVENTORY_ROWS_PER_REQUEST));
  const perChunk = await mapWithConcurrency(chunks, concurrency, (chunk): Promise<RowOutcome[]> =>
    sendRemovingBlamed({
      items: chunk.map((row) => ({ item: stockTrimValues(inventoryDataset, row.values), rowNumber: row.rowNumber })),
      body: (inventory) => ({
        updateOverallAllOnHandToBeSumOfLocation: pushOption(inventoryDataset, options, 'updateOverallAllOnHandToBeSumOfLocation'),
        updateOverallAllOnOrderToBeSumOfLocation: pushOption(inventoryDataset, options, 'updateOverallAllOnOrderToBeSumOfLocation'),
        inventory,
      }),
      schema: setInventoryRequestSchema,
      send: async (body) => {
        await client.request('POST', '/Inventory', { body, idempotent: true });
      },
      itemKey: /^Inventory\[(\d+)\]/i,
      itemNoun: 'row',
    }),
  );
  return perChunk.flat();
};
