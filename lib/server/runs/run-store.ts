import type { RejectedBy, RunCounts, RunRowFilter, RunRowView, RunState } from './run-api';

/**
 * The one place runs are kept. Everything else (routes, runner) goes through this interface,
 * so a shared database can replace SQLite when several dashboard instances run behind a load
 * balancer (see the README). Calls are synchronous because SQLite's are; a networked store
 * would make them async, and its callers are few.
 */
export interface RunStore {
  createRun(input: NewRun): RunRecord;
  /**
   * Stores (or replaces, by row number) uploaded rows; only while the run is uploading. With
   * `ready`, the page says batches below `readyBatches` are complete: the runner may send them
   * (with these credentials) while the upload goes on. Rows already taken by the runner are
   * kept as they are when a chunk is sent again.
   */
  addRows(runId: string, rows: readonly NewRunRow[], ready?: ReadyBatches): void;
  /** The checks addRows makes, without storing: a chunk stored in several slices is refused whole, up front. */
  checkRows(runId: string, rows: readonly NewRunRow[]): void;
  /** Upload complete (the page sent `uploadedRows` rows): the run starts sending, with these sealed credentials. */
  startRun(runId: string, uploadedRows: number, sealedCredentials: Buffer): RunRecord;
  getRun(runId: string): RunRecord | null;
  listRuns(accountId: string, filter?: { readonly activeOnly?: boolean; readonly limit?: number }): RunRecord[];
  listRows(runId: string, query: { readonly filter: RunRowFilter; readonly offset: number; readonly limit: number }): { rows: RunRowView[]; total: number };
  /** Pause, resume (with fresh credentials) or cancel, by the account's user. */
  control(runId: string, action: 'pause' | 'cancel'): RunRecord;
  control(runId: string, action: 'resume', sealedCredentials: Buffer): RunRecord;
  /** Puts failed rows back to be sent: fixed ones with their new values, the others as they were. */
  retry(runId: string, input: RetryInput): { run: RunRecord; fixed: number; ignored: number };
  sealedCredentials(runId: string): Buffer | null;

  // The runner's side.
  /** Takes the next unit of work (one batch of one running run) and marks its rows as on their way. */
  claimBatch(): ClaimedBatch | null;
  /** Records the outcome of every row of a claimed batch, with the requests it took, in one transaction. */
  completeBatch(runId: string, results: readonly RowResult[], usage: Usage): void;
  /** completeBatch, and in the same transaction claimBatch: the lane's next batch (one commit per batch instead of two). */
  completeAndClaim(runId: string, results: readonly RowResult[], usage: Usage): ClaimedBatch | null;
  /** Gives a claimed batch back without outcomes (see ReleaseMode). */
  releaseBatch(runId: string, rowNumbers: readonly number[], mode: ReleaseMode, usage: Usage): void;
  /** Stops a run the runner cannot carry on with: no usable credentials, or a problem to look at. */
  interrupt(runId: string, reason: { readonly kind: 'credentials' | 'problem'; readonly message: string }): void;
  /** Cancels runs still uploading with no upload for `idleMs` (the page went away), with a message saying so. */
  expireUploads(idleMs: number): number;
  /** After a restart: rows that were on their way when the process died. */
  recoverInterrupted(resendSafe: (dataset: string) => boolean): { resent: number; unknown: number };
  close(): void;
}

export interface RunOptions {
  readonly fileRows: number;
  readonly batchRows: number;
  readonly pushOptions?: Readonly<Record<string, boolean>>;
}

export interface NewRun {
  readonly accountId: string;
  readonly dataset: string;
  readonly fileName: string;
  readonly options: RunOptions;
}

export interface NewRunRow {
  readonly rowNumber: number;
  readonly batch: number;
  /** The record (order, product) the row belongs to, for datasets that group rows. */
  readonly recordKey?: string | null;
  readonly values: Readonly<Record<string, unknown>>;
  readonly status: 'pending' | 'rejected' | 'skipped';
  readonly rejectedBy?: RejectedBy;
  readonly answer?: string;
}

export interface ReadyBatches {
  readonly readyBatches: number;
  readonly sealedCredentials: Buffer;
}

export interface RunRecord {
  readonly id: string;
  readonly accountId: string;
  readonly dataset: string;
  readonly fileName: string;
  readonly options: RunOptions;
  readonly state: RunState;
  readonly message: string | null;
  readonly expectedRows: number | null;
  readonly round: number;
  readonly requests: number;
  readonly retries: number;
  readonly resent: number;
  readonly createdAt: number;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly updatedAt: number;
  /** Rows done (sent or rejected) at markAt, the last time the run (re)started sending. */
  readonly markAt: number | null;
  readonly markDone: number | null;
  /** While uploading: batches below this may already be sent (null: the run waits for its start). */
  readonly readyBatches: number | null;
  readonly counts: RunCounts;
}

export interface ClaimedBatch {
  readonly runId: string;
  readonly dataset: string;
  readonly options: RunOptions;
  readonly rows: readonly { readonly rowNumber: number; readonly values: Readonly<Record<string, unknown>>; readonly attempts: number }[];
}

export type RowResult =
  | { readonly rowNumber: number; readonly outcome: 'sent'; readonly answer: string }
  | { readonly rowNumber: number; readonly outcome: 'rejected'; readonly answer: string; readonly retryable: boolean }
  /** A passing failure (StockTrim down, throttled): the row goes back to pending until notBefore. */
  | { readonly rowNumber: number; readonly outcome: 'again'; readonly answer: string; readonly notBefore: number };

export interface Usage {
  readonly requests: number;
  readonly retries: number;
}

/**
 * not-sent: no request left the dashboard, the rows are simply pending again.
 * maybe-sent: a request may have reached StockTrim. Rows of datasets whose calls are safe to
 * repeat go back to pending (and are counted as resent); the others are rejected as
 * "outcome unknown", because sending them again could create them twice.
 */
export type ReleaseMode = { readonly kind: 'not-sent' } | { readonly kind: 'maybe-sent'; readonly resendSafe: boolean };

export interface RetryInput {
  readonly fixes: readonly {
    readonly rowNumber: number;
    readonly values: Readonly<Record<string, unknown>>;
    readonly problem: string | null;
    readonly recordKey: string | null;
  }[];
  readonly start: boolean;
  readonly sealedCredentials: Buffer;
  /** Also send again the rows already sent of the records the retried rows belong to, together with them. */
  readonly wholeRecords: boolean;
}

export type RunStoreErrorCode = 'not-found' | 'conflict' | 'incomplete';

/** A request the store refuses, with a message a person can act on. */
export class RunStoreError extends Error {
  constructor(
    readonly code: RunStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RunStoreError';
  }
}

export const UNKNOWN_OUTCOME_MESSAGE =
  'Outcome unknown: the dashboard stopped while this row was on its way to StockTrim, and sending it again could create it twice. Check StockTrim before sending it again.';

/** By name, not instanceof: Next bundles routes separately, so each has its own copy of the class. */
export function isRunStoreError(error: unknown): error is RunStoreError {
  return error instanceof Error && error.name === 'RunStoreError' && typeof (error as { code?: unknown }).code === 'string';
}
