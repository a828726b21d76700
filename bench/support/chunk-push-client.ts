// The import page once drove pushes itself, chunk by chunk through /api/push/[dataset]; it now
// hands rows to a server-side run. The benchmarks still measure that synchronous chunk route,
// so this client lives here with them.
import type { DatasetId } from '@/lib/datasets/field-def';
import type { PushRow } from '@/lib/import/import-types';
import type { PushRequest, PushResponse, RowOutcome } from '@/lib/push-types';
import { DashboardApiError, callDashboard } from '@/lib/client/dashboard-api';

export interface PushProgress {
  readonly rowsToSend: number;
  readonly sent: number;
  readonly rejected: number;
  readonly batchesDone: number;
  readonly batchCount: number;
  readonly requests: number;
  readonly retries: number;
}

export interface RejectedRow {
  readonly rowNumber: number;
  readonly message: string;
  readonly values: PushRow['values'];
}

export interface PushRunResult extends PushProgress {
  readonly outcomes: readonly RowOutcome[];
  /** Rows StockTrim (or the dashboard's server check) refused, with what was sent, for the CSV. */
  readonly rejectedRows: readonly RejectedRow[];
  /** Rows never sent because the user cancelled (or the dashboard stopped answering). */
  readonly notSentRowNumbers: readonly number[];
  readonly cancelled: boolean;
  readonly stoppedBy: string | null;
  readonly elapsedMs: number;
}

export interface PushRunInput {
  readonly dataset: DatasetId;
  readonly batchCount: number;
  readonly rowsToSend: number;
  readonly getBatch: (index: number) => Promise<readonly PushRow[]>;
  readonly signal: AbortSignal;
  readonly onProgress: (progress: PushProgress) => void;
  /** Batches in flight at once; the server fans each batch out to StockTrim itself. */
  readonly concurrency?: number;
  /** The dataset's push options, sent with every batch. */
  readonly options?: PushRequest['options'];
}

/**
 * Sends the worker's push batches to the dashboard's route, keeping an outcome for every row:
 * sent, rejected with StockTrim's reason, or not sent (cancelled) — never silently dropped.
 */
export async function runPush(input: PushRunInput): Promise<PushRunResult> {
  const started = performance.now();
  const outcomes: RowOutcome[] = [];
  const notSent: number[] = [];
  const rejectedRows: RejectedRow[] = [];
  let sent = 0;
  let rejected = 0;
  let batchesDone = 0;
  let requests = 0;
  let retries = 0;
  let stoppedBy: string | null = null;
  let nextBatch = 0;

  const progress = (): PushProgress => ({ rowsToSend: input.rowsToSend, sent, rejected, batchesDone, batchCount: input.batchCount, requests, retries });

  async function lane(): Promise<void> {
    for (;;) {
      if (input.signal.aborted || stoppedBy) return;
      const index = nextBatch++;
      if (index >= input.batchCount) return;
      const rows = await input.getBatch(index);
      if (input.signal.aborted || stoppedBy) {
        for (const r of rows) notSent.push(r.rowNumber);
        return;
      }
      try {
        const body: PushRequest = input.options ? { rows, options: input.options } : { rows };
        const res = await callDashboard<PushResponse>(`/api/push/${input.dataset}`, { method: 'POST', body, signal: input.signal });
        const byNumber = new Map(rows.map((r) => [r.rowNumber, r]));
        for (const outcome of res.results) {
          outcomes.push(outcome);
          if (outcome.status === 'sent') sent += 1;
          else {
            rejected += 1;
            rejectedRows.push({ rowNumber: outcome.rowNumber, message: outcome.message ?? 'Rejected', values: byNumber.get(outcome.rowNumber)?.values ?? {} });
          }
        }
        requests += res.requests;
        retries += res.retries;
      } catch (error) {
        // An aborted or failed batch may have been partly applied; its rows are reported as not
        // confirmed so the user re-pushes them (an idempotent resend), never assumed sent.
        for (const r of rows) notSent.push(r.rowNumber);
        if (!input.signal.aborted) stoppedBy = error instanceof DashboardApiError ? error.message : 'The push stopped unexpectedly.';
        return;
      }
      batchesDone += 1;
      input.onProgress(progress());
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency ?? 2, input.batchCount)) }, lane));
  // Batches never started (after a cancel or a stop) are reported row by row as not sent.
  for (let i = nextBatch; i < input.batchCount; i++) for (const r of await input.getBatch(i)) notSent.push(r.rowNumber);
  outcomes.sort((a, b) => a.rowNumber - b.rowNumber);
  notSent.sort((a, b) => a - b);
  rejectedRows.sort((a, b) => a.rowNumber - b.rowNumber);
  return {
    ...progress(),
    outcomes,
    rejectedRows,
    notSentRowNumbers: notSent,
    cancelled: input.signal.aborted,
    stoppedBy,
    elapsedMs: Math.round(performance.now() - started),
  };
}
