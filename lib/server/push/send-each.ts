import 'server-only';
import type { z } from 'zod';
import type { DatasetDef } from '@/lib/datasets/field-def';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
import type { RowOutcome } from '@/lib/push-types';
import { toValidationProblem } from '@/lib/stocktrim/contract';
import { problemText } from './problem-text';
import { type PushContext, type Pusher, rowFailure } from './pusher';
import { stockTrimValues } from './stocktrim-values';

/** One request's body and the spreadsheet rows it carries. */
export interface RecordToSend {
  readonly rowNumbers: readonly number[];
  readonly payload: unknown;
}

export interface SendEachOptions {
  readonly schema: z.ZodType;
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  /** Endpoints that answer 201 for a new record and 200 for an update (Products). */
  readonly reportsCreated?: boolean;
}

/**
 * For endpoints that take one record per request: each is checked against the contract, then
 * sent, a few at a time. Every endpoint used this way is an upsert, so a retry is harmless.
 */
export function sendEach(records: readonly RecordToSend[], { client, concurrency }: PushContext, options: SendEachOptions): Promise<RowOutcome[]> {
  return mapWithConcurrency(records, concurrency, async (record): Promise<RowOutcome[]> => {
    const checked = options.schema.safeParse(record.payload);
    if (!checked.success) {
      const message = problemText(toValidationProblem(checked.error, { schema: options.schema, input: record.payload }).errors);
      return record.rowNumbers.map((rowNumber) => ({ rowNumber, status: 'rejected' as const, message }));
    }
    try {
      const res = await client.request(options.method, options.path, { body: checked.data, idempotent: true });
      const created = options.reportsCreated ? { created: res.status === 201 } : {};
      return record.rowNumbers.map((rowNumber) => ({ rowNumber, status: 'sent' as const, ...created }));
    } catch (error) {
      return record.rowNumbers.map((rowNumber) => rowFailure(rowNumber, error));
    }
  }).then((perRecord) => perRecord.flat());
}

/** A pusher for endpoints that take one row's StockTrim fields per request (BOM lines, locations, customers). */
export function sendEachRow(dataset: DatasetDef, options: SendEachOptions): Pusher {
  return (rows, context) =>
    sendEach(
      rows.map((row) => ({ rowNumbers: [row.rowNumber], payload: stockTrimValues(dataset, row.values) })),
      context,
      options,
    );
}
