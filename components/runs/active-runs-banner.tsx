'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { activeRunNote, runPace, runProgress, runStateLabel } from '@/lib/client/run-format';
import { controlRun } from '@/lib/client/run-calls';
import type { RunSummary } from '@/lib/server/runs/run-api';
import { count } from '@/lib/text/count';
import { useActiveRuns } from './use-runs';

function ActiveRun({ run }: { run: RunSummary }) {
  const p = runProgress(run);
  const pace = run.state === 'running' ? runPace(run) : null;
  const note = activeRunNote(run);
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="active-run" data-run-id={run.id} data-run-state={run.state}>
      <span className="font-medium">
        {runStateLabel(run.state)} {run.datasetLabel} from {run.fileName}:
      </span>
      <span data-testid="active-run-progress">
        {count(p.done)} of {count(p.total)} rows ({count(run.counts.sent)} sent, {count(run.counts.rejected)} rejected)
      </span>
      {pace && <span className="text-slate-600">{pace}</span>}
      {note && (
        <span className="text-amber-900" data-testid="active-run-note">
          {note}
        </span>
      )}
      <Link className="underline" href={`/history/${run.id}`}>
        Open
      </Link>
    </li>
  );
}

/**
 * Every page shows the account's runs while they go. A run that waits for credentials (the
 * server restarted with a new key) is resumed with this session's, once per page load.
 */
export function ActiveRunsBanner({ accountId }: { accountId: string }) {
  const runs = useActiveRuns(accountId);
  const resumed = useRef(new Set<string>());
  const { refetch } = runs;
  useEffect(() => {
    for (const run of runs.data ?? []) {
      if (run.state !== 'waiting-credentials' || resumed.current.has(run.id)) continue;
      resumed.current.add(run.id);
      void controlRun(run.id, 'resume')
        .then(() => refetch())
        .catch(() => undefined);
    }
  }, [runs.data, refetch]);
  if (!runs.data?.length) return null;
  return (
    <div className="border-t border-indigo-100 bg-indigo-50" role="status" aria-live="polite" data-testid="active-runs-banner">
      <ul className="mx-auto max-w-7xl space-y-1 px-4 py-2 text-sm text-indigo-950">
        {runs.data.map((run) => (
          <ActiveRun key={run.id} run={run} />
        ))}
      </ul>
    </div>
  );
}
