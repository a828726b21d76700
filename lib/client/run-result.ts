import type { PushRow } from '@/lib/import/import-types';
import type { RunSummary } from '@/lib/server/runs/run-api';
import { fetchAllRunRows } from './run-calls';

export interface RejectedRow {
  readonly rowNumber: number;
  readonly message: string;
  readonly values: PushRow['values'];
}

/** What the import page shows once a run has ended: counts, and the rows that need attention. */
export interface RunOutcome {
  readonly sent: number;
  readonly rejected: number;
  readonly requests: number;
  readonly retries: number;
  readonly rejectedRows: readonly RejectedRow[];
  /** Rows never sent (a cancel left them pending). */
  readonly notSentRowNumbers: readonly number[];
  readonly cancelled: boolean;
  /** Why the run stopped early, when it did. */
  readonly stoppedBy: string | null;
  readonly elapsedMs: number;
}

/**
 * A finished (or cancelled) run in the shape the import page's result shows. Rows refused by
 * the file check and skipped rows are counted by the page itself, so they are left out here.
 */
export async function loadRunResult(run: RunSummary): Promise<RunOutcome> {
  const rejected = run.counts.rejected > 0 ? (await fetchAllRunRows(run.id, 'rejected')).filter((r) => r.rejectedBy !== 'file') : [];
  const notSent = run.counts.notSent > 0 ? await fetchAllRunRows(run.id, 'not-sent') : [];
  return {
    sent: run.counts.sent,
    rejected: run.counts.rejected,
    requests: run.requests,
    retries: run.retries,
    rejectedRows: rejected.map((r) => ({ rowNumber: r.rowNumber, message: r.answer ?? 'Rejected.', values: r.values as PushRow['values'] })),
    notSentRowNumbers: notSent.map((r) => r.rowNumber),
    cancelled: run.state === 'cancelled',
    stoppedBy: run.state === 'cancelled' ? null : run.message,
    elapsedMs: run.elapsedMs,
  };
}
