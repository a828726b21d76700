import { getDataset, isDatasetId } from '@/lib/datasets/registry';
import type { RunSummary } from './run-api';
import type { RunRecord } from './run-store';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * A run cancelled before its upload was complete holds only the rows that had arrived; the rest
 * of the file was not sent either, and is counted so (the counts add up to the file's rows).
 */
function withRowsNeverUploaded(run: RunRecord): RunSummary['counts'] {
  const c = run.counts;
  const missing = run.state === 'cancelled' && run.expectedRows === null ? Math.max(0, run.options.fileRows - c.total) : 0;
  return missing > 0 ? { ...c, total: c.total + missing, notSent: c.notSent + missing } : c;
}

/** What the page shows of a run: its counts, and rate and time left measured since it last (re)started. */
export function summarizeRun(run: RunRecord, now = Date.now()): RunSummary {
  const c = withRowsNeverUploaded(run);
  const done = c.sent + c.rejected + c.fileRejected;
  const pushed = c.sent + c.rejected;
  let rowsPerSecond: number | null = null;
  let secondsLeft: number | null = null;
  if (run.state === 'running' && run.markAt !== null && run.markDone !== null) {
    const seconds = (now - run.markAt) / 1000;
    const progressed = done - run.markDone;
    // A rate from the first second or two is noise; wait until there is something to go on.
    if (seconds >= 2 && progressed > 0) {
      rowsPerSecond = progressed / seconds;
      secondsLeft = Math.ceil(c.pending / rowsPerSecond);
    }
  }
  const end = run.finishedAt ?? now;
  return {
    id: run.id,
    dataset: run.dataset,
    datasetLabel: isDatasetId(run.dataset) ? getDataset(run.dataset).label : run.dataset,
    fileName: run.fileName,
    state: run.state,
    message: run.message,
    createdAt: new Date(run.createdAt).toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    fileRows: run.options.fileRows,
    counts: c,
    requests: run.requests,
    retries: run.retries,
    resent: run.resent,
    requestsPer1000Rows: pushed > 0 ? Math.round((run.requests / pushed) * 1000 * 10) / 10 : null,
    rowsPerSecond: rowsPerSecond === null ? null : Math.round(rowsPerSecond * 10) / 10,
    secondsLeft,
    elapsedMs: run.startedAt === null ? 0 : Math.max(0, end - run.startedAt),
    round: run.round,
  };
}
