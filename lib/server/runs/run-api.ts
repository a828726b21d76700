/**
 * The contract of /api/runs, shared by the route handlers and the browser (types and limits
 * only, no server code, so the page can import it).
 */

/** Rows per upload request; more is answered 413. */
export const RUN_CHUNK_MAX_ROWS = 1000;
export const RUN_CHUNK_MAX_BYTES = 4 * 1024 * 1024;
/**
 * Rows per unit of work the page plans (whole orders, never split). Small, so an outcome is
 * recorded soon after it is known and a crash leaves little to resend.
 */
export const RUN_BATCH_ROWS = 25;

export type RunState = 'uploading' | 'running' | 'paused' | 'waiting-credentials' | 'finished' | 'cancelled';
export type RunRowStatus = 'pending' | 'sent' | 'rejected' | 'skipped';
/** Who refused a row: the page's file check, the dashboard's server check, or StockTrim. */
export type RejectedBy = 'file' | 'dashboard' | 'stocktrim';
export type RunAction = 'pause' | 'resume' | 'cancel';

/**
 * States in which the run may still send rows; the banner shows these. An uploading run sends
 * its complete batches while the page uploads the rest (and is cancelled by the server if the
 * page goes away), so it is going too.
 */
export const ACTIVE_RUN_STATES: readonly RunState[] = ['uploading', 'running', 'paused', 'waiting-credentials'];

export function isActiveRunState(state: RunState): boolean {
  return ACTIVE_RUN_STATES.includes(state);
}

export interface RunCounts {
  /** Rows stored for the run: every row of the file the page sent, including file errors and skipped rows. */
  readonly total: number;
  /** Still to be sent in this run. */
  readonly pending: number;
  readonly sent: number;
  /** Refused by StockTrim or by the dashboard's server check. */
  readonly rejected: number;
  /** Refused by the page's file check; never sent. */
  readonly fileRejected: number;
  readonly skipped: number;
  /** Will not be sent: the run was cancelled before they went. */
  readonly notSent: number;
}

export interface RunSummary {
  readonly id: string;
  readonly dataset: string;
  readonly datasetLabel: string;
  readonly fileName: string;
  readonly state: RunState;
  /** Why the run stopped or waits, in words a person can act on; null when there is nothing to say. */
  readonly message: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** Data rows in the file, as the page counted them. */
  readonly fileRows: number;
  readonly counts: RunCounts;
  /** HTTP requests sent to StockTrim, retries included. */
  readonly requests: number;
  /** Requests repeated after a 429, a 5xx or a network error. */
  readonly retries: number;
  /** Rows sent again after the dashboard stopped while their request may have been on its way. */
  readonly resent: number;
  readonly requestsPer1000Rows: number | null;
  readonly rowsPerSecond: number | null;
  readonly secondsLeft: number | null;
  /** From start to finish, or to now while the run is going. */
  readonly elapsedMs: number;
  /** 1 for the first push; each "retry failed rows" adds one. */
  readonly round: number;
}

export interface RunRowView {
  readonly rowNumber: number;
  readonly status: RunRowStatus;
  readonly rejectedBy: RejectedBy | null;
  readonly attempts: number;
  /** StockTrim's answer (or the dashboard's reason) for this row. */
  readonly answer: string | null;
  readonly retryable: boolean;
  readonly values: Readonly<Record<string, unknown>>;
}

export type RunRowFilter = 'all' | 'pending' | 'sent' | 'rejected' | 'skipped' | 'not-sent';

export interface RunRowsPage {
  readonly rows: readonly RunRowView[];
  readonly total: number;
}

export interface CreateRunRequest {
  readonly dataset: string;
  readonly fileName: string;
  readonly fileRows: number;
  readonly batchRows: number;
  readonly pushOptions?: Readonly<Record<string, boolean>>;
}

export interface UploadRow {
  readonly rowNumber: number;
  /** Rows of one batch are sent together (a whole order); the page plans them. */
  readonly batch: number;
  /** "send": validated on the page, checked again here; "file-error" and "skipped" are recorded only. */
  readonly kind: 'send' | 'file-error' | 'skipped';
  readonly values: Readonly<Record<string, unknown>>;
  /** The file check's reason, for file-error rows. */
  readonly message?: string;
}

export interface UploadRowsRequest {
  readonly rows: readonly UploadRow[];
  /**
   * Batches numbered below this are complete (this chunk and the earlier ones hold all their
   * rows): the server may send them while the upload goes on. Absent: nothing is sent before
   * /start. Never lower than in an earlier chunk, and no row may be added to those batches later.
   */
  readonly readyBatches?: number;
}

export interface StartRunRequest {
  /** How many rows the page uploaded; the run starts only when the dashboard holds all of them. */
  readonly uploadedRows: number;
}

export interface UploadRowsResponse {
  readonly received: number;
  readonly rejected: number;
}

export interface RetryRequest {
  /** Corrected values of failed rows (fixed in the grid); at most RUN_CHUNK_MAX_ROWS per request. */
  readonly fixes?: readonly { readonly rowNumber: number; readonly values: Readonly<Record<string, unknown>> }[];
  /** False while more fixes follow; the last request starts the retry. */
  readonly start?: boolean;
}

export interface RetryResponse {
  readonly run: RunSummary;
  readonly fixed: number;
  /** Fixes for rows that had not failed (already sent, or unknown), left alone. */
  readonly ignored: number;
}
