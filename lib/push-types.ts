import type { PushRow } from '@/lib/import/import-types';

/** Rows per request from the page to the dashboard's push route. */
export const PUSH_BATCH_ROWS = 500;
export const PUSH_MAX_ROWS_PER_REQUEST = 1000;

export interface PushRequest {
  readonly rows: readonly PushRow[];
  /** The switches the dataset's registry entry declares (pushOptions), e.g. Inventory's sums. */
  readonly options?: Readonly<Record<string, boolean>>;
}

export interface RowOutcome {
  readonly rowNumber: number;
  readonly status: 'sent' | 'rejected';
  /** StockTrim's reason (or the dashboard's) when rejected. */
  readonly message?: string;
  /** True when the row was refused for a passing reason (StockTrim down, throttled): push again. */
  readonly retryable?: boolean;
  /** For products: whether StockTrim created (true) or updated (false) it. */
  readonly created?: boolean;
}

export interface PushResponse {
  readonly results: readonly RowOutcome[];
  /** Requests the dashboard sent to StockTrim for this batch, retries included. */
  readonly requests: number;
  readonly retries: number;
}
