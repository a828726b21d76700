'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { runPace, runProgress, runRequestsText, runStateLabel } from '@/lib/client/run-format';
import { type RunSummary, isActiveRunState } from '@/lib/server/runs/run-api';
import { count, countOf } from '@/lib/text/count';
import { RunControls } from './run-controls';
import { useRun } from './use-runs';

export function RunProgressBar({ run }: { run: RunSummary }) {
  const p = runProgress(run);
  return (
    <div
      className="h-3 w-full overflow-hidden rounded bg-slate-200"
      role="progressbar"
      aria-label="Push progress"
      aria-valuemin={0}
      aria-valuemax={p.total}
      aria-valuenow={p.done}
    >
      <div className="h-full bg-indigo-600 transition-all" style={{ width: `${Math.round(p.fraction * 100)}%` }} />
    </div>
  );
}

/**
 * A run the server is sending, polled until it ends. The page may close at any time: the run
 * carries on, and History (and the banner) show it.
 */
export function RunProgress({ runId, onFinished }: { runId: string; onFinished?: (run: RunSummary) => void }) {
  const query = useRun(runId);
  const run = query.data;
  const reported = useRef(false);
  useEffect(() => {
    if (!run || reported.current || isActiveRunState(run.state)) return;
    reported.current = true;
    onFinished?.(run);
  }, [run, onFinished]);

  if (!run) {
    return (
      <p className="text-sm text-slate-600" role={query.error ? 'alert' : 'status'}>
        {query.error ? query.error.message : 'Reading the run…'}
      </p>
    );
  }
  const p = runProgress(run);
  const pace = runPace(run);
  return (
    <section className="card space-y-3" aria-labelledby="pushing-heading" data-testid="run-progress" data-run-state={run.state}>
      <h2 id="pushing-heading" className="text-lg font-semibold">
        {run.state === 'running' ? 'Sending…' : runStateLabel(run.state)}
      </h2>
      <RunProgressBar run={run} />
      <p className="text-sm" data-testid="push-progress" aria-live="polite">
        {count(p.done)} of {countOf(p.total, 'row')}: {count(run.counts.sent)} sent, {count(run.counts.rejected)} rejected
        {run.counts.pending > 0 ? `, ${count(run.counts.pending)} to go` : ''}
      </p>
      <p className="text-xs text-slate-600">
        {pace ? `${pace}. ` : ''}
        {runRequestsText(run)}
      </p>
      {query.error && (
        <p role="alert" className="text-sm text-amber-800">
          The dashboard is not answering ({query.error.message}). The run is kept on its server and carries on when it is back.
        </p>
      )}
      {run.message && (
        <p role="alert" className="rounded bg-amber-50 p-3 text-sm text-amber-900" data-testid="run-message">
          {run.message}
        </p>
      )}
      <p className="text-xs text-slate-500">
        The dashboard&apos;s server sends this run: you can close this page, and follow it under{' '}
        <Link className="underline" href={`/history/${run.id}`}>
          History
        </Link>
        .
      </p>
      <RunControls run={run} />
    </section>
  );
}
