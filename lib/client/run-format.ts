import type { RunState, RunSummary } from '@/lib/server/runs/run-api';

const STATE_LABELS: Record<RunState, string> = {
  uploading: 'Upload not finished',
  running: 'Sending',
  paused: 'Paused',
  'waiting-credentials': 'Waiting for credentials',
  finished: 'Finished',
  cancelled: 'Cancelled',
};

export function runStateLabel(state: RunState): string {
  return STATE_LABELS[state];
}

/** The outcome in a few words, for the history list. */
export function runOutcome(run: RunSummary): string {
  const c = run.counts;
  if (run.state === 'finished') {
    // StockTrim's refusals and the file's errors are different jobs for the user (fix the data
    // in StockTrim or in the file), so they are never added into one "rejected".
    const parts = [
      ...(c.rejected > 0 ? [`${c.rejected} rejected by StockTrim`] : []),
      ...(c.fileRejected > 0 ? [`${c.fileRejected} with errors in the file (not sent)`] : []),
    ];
    if (parts.length > 0) return `Finished with ${parts.join(' and ')}`;
    return c.skipped > 0 ? `All rows sent (${c.skipped} skipped by choice)` : 'All rows sent';
  }
  if (run.state === 'cancelled') return c.notSent > 0 ? `Cancelled, ${c.notSent} not sent` : 'Cancelled';
  if (run.state === 'uploading') return 'Upload not finished: nothing sent';
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
  const total = done + c.pending + (run.state === 'cancelled' ? c.notSent : 0);
  return { done, total, fraction: total > 0 ? done / total : 0 };
}

/** "12.5 rows/s, about 3 min left", or null before there is a rate. */
export function runPace(run: RunSummary): string | null {
  if (run.rowsPerSecond === null) return null;
  const left = run.secondsLeft === null ? '' : `, about ${formatDuration(run.secondsLeft * 1000)} left`;
  return `${run.rowsPerSecond.toLocaleString('en')} rows/s${left}`;
}
