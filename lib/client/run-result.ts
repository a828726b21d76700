import type { PushRow } from '@/lib/import/import-types';
import type { RunSummary } from '@/lib/server/runs/run-api';
import type { PushRunResult } from './push-runner';
import { fetchAllRunRows } from './run-calls';

/**
 * A finished (or cancelled) run in the shape the import page's result shows. Rows refused by
 * the file check and skipped rows are counted by the page itself, so they are left out here.
 */
export async function loadRunResult(run: RunSummary): Promise<PushRunResult> {
  const rejected = run.counts.rejected > 0 ? (await fetchAllRunRows(run.id, 'rejected')).filter((r) => r.rejectedBy !== 'file') : [];
  const notSent = run.counts.notSent > 0 ? await fetchAllRunRows(run.id, 'not-sent') : [];
  return {
    rowsToSend: run.counts.sent + run.counts.rejected + run.counts.pending + run.counts.notSent,
    sent: run.counts.sent,
    rejected: run.counts.rejected,
    batchesDone: 0,
    batchCount: 0,
    requests: run.requests,
    retries: run.retries,
    // Per-row outcomes stay on the server; History shows them.
    outcomes: [],
    rejectedRows: rejected.map((r) => ({ rowNumber: r.rowNumber, message: r.answer ?? 'Rejected.', values: r.values as PushRow['values'] })),
    notSentRowNumbers: notSent.map((r) => r.rowNumber),
    cancelled: run.state === 'cancelled',
    stoppedBy: null,
    elapsedMs: run.elapsedMs,
  };
}
