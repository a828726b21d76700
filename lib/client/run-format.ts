import type { RunState, RunSummary } from '@/lib/server/runs/run-api';
import { count, countOf } from '@/lib/text/count';

const STATE_LABELS: Record<RunState, string> = {
  uploading: 'Uploading',
  running: 'Sending',
  paused: 'Paused',
  'waiting-credentials': 'Waiting for credentials',
  finished: 'Finished',
  cancelled: 'Cancelled',
};

export function runStateLabel(state: RunState): string {
  return STATE_LABELS[state];
}

/**
 * What the banner adds about a run that needs the user, or null. An uploading run is fed by the
 * import page that started it: if that page closes, the server cancels the run once it has been
 * idle for 10 minutes, so the banner says where the upload comes from.
 */
export function activeRunNote(run: RunSummary): string | null {
  if (run.state === 'uploading') return 'Still uploading from the import page; keep that page open until the upload ends.';
  if (run.state === 'waiting-credentials') return run.message ?? 'Connect again with this account to carry on.';
  return null;
}

/** The outcome in a few words, for the history list. */
export function runOutcome(run: RunSummary): string {
  const c = run.counts;
  if (run.state === 'finished') {
    // StockTrim's refusals and the file's errors are different jobs for the user (fix the data
    // in StockTrim or in the file), so they are never added into one "rejected".
    const parts = [
      ...(c.rejected > 0 ? [`${countOf(c.rejected, 'row')} rejected by StockTrim`] : []),
      ...(c.fileRejected > 0 ? [`${countOf(c.fileRejected, 'row')} with errors in the file (not sent)`] : []),
    ];
    if (parts.length > 0) return `Finished with ${parts.join(' and ')}`;
    return c.skipped > 0 ? `All rows sent (${count(c.skipped)} skipped by you or a rule)` : 'All rows sent';
  }
  if (run.state === 'cancelled') return c.notSent > 0 ? `Cancelled, ${count(c.notSent)} not sent` : 'Cancelled';
  // Complete batches go out while the page uploads the rest.
  if (run.state === 'uploading') return c.sent > 0 ? `Uploading, ${count(c.sent)} sent so far` : 'Uploading, nothing sent yet';
  return runStateLabel(run.state);
}

/** "45 s", "3 min 5 s", "2 h 10 min". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** Rows done out of the rows this run sends (sent + rejected + still pending). */
export function runProgress(run: RunSummary): { done: number; total: number; fraction: number } {
  const c = run.counts;
  const done = c.sent + c.rejected;
  let total = done + c.pending + (run.state === 'cancelled' ? c.notSent : 0);
  // While the page uploads, the run holds only the rows that have arrived: measure against the file.
  if (run.state === 'uploading') total = Math.max(total, run.fileRows - c.fileRejected - c.skipped);
  return { done, total, fraction: total > 0 ? done / total : 0 };
}

/** "12.5 rows/s, about 3 min left", or null before there is a rate. */
export function runPace(run: RunSummary): string | null {
  if (run.rowsPerSecond === null) return null;
  const left = run.secondsLeft === null ? '' : `, about ${formatDuration(run.secondsLeft * 1000)} left`;
  return `${run.rowsPerSecond.toLocaleString('en')} rows/s${left}`;
}

/**
 * "2,140 requests to StockTrim (53 per 1,000 rows), 1 retry". The rate is per 1,000 rows while a
 * request carries several rows, and per row once there is one or more for each row, so it
 * never reads "1,000 per 1,000 rows".
 */
export function runRequestsText(run: RunSummary): string {
  const per1000 = run.requestsPer1000Rows;
  const rate = per1000 === null ? '' : per1000 >= 1000 ? ` (${count(Math.round(per1000 / 100) / 10)} per row)` : ` (${count(per1000)} per 1,000 rows)`;
  const requests = `${count(run.requests)} ${run.requests === 1 ? 'request' : 'requests'} to StockTrim${rate}`;
  const retries = `${count(run.retries)} ${run.retries === 1 ? 'retry' : 'retries'}`;
  const resent = run.resent > 0 ? `, ${count(run.resent)} ${run.resent === 1 ? 'row' : 'rows'} sent again after the dashboard restarted` : '';
  return `${requests}, ${retries}${resent}.`;
}
