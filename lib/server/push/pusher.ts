import 'server-only';
import type { DatasetDef } from '@/lib/datasets/field-def';
import type { PushRow } from '@/lib/import/import-types';
import type { RowOutcome } from '@/lib/push-types';
import type { StockTrimClient } from '@/lib/stocktrim/client';
import { StockTrimError } from '@/lib/stocktrim/stocktrim-error';

export interface PushContext {
  readonly client: StockTrimClient;
  readonly concurrency: number;
  /** The dataset's push options (its registry declaration); a missing one takes its default. */
  readonly options?: Readonly<Record<string, boolean>>;
}

/** Sends one batch of already-validated rows to StockTrim and says what became of each row. */
export type Pusher = (rows: readonly PushRow[], context: PushContext) => Promise<RowOutcome[]>;

/**
 * What one failed request means for its rows. Wrong credentials stop the whole push (every
 * other row would fail the same way); anything else is that row's outcome, so one bad row or
 * one flaky minute never hides what happened to the rest.
 */
export function rowFailure(rowNumber: number, error: unknown): RowOutcome {
  if (!(error instanceof StockTrimError) || error.kind === 'auth') throw error;
  return { rowNumber, status: 'rejected', message: error.message, retryable: error.retryable };
}

/** A push option's value: the request's, else the registry's default. */
export function pushOption(dataset: DatasetDef, options: PushContext['options'], key: string): boolean {
  const def = dataset.pushOptions?.find((o) => o.key === key);
  if (!def) throw new Error(`${dataset.label} has no push option "${key}".`);
  return options?.[key] ?? def.default;
}
