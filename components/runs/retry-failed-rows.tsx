'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type RetrySource, retryFailedRows } from '@/lib/client/run-retry';
import { runKey, runsKey, useRun } from './use-runs';

interface Props {
  readonly runId: string;
  /**
   * The import page's rows, so rows fixed in the grid go as fixed (rows the file check refused
   * included); null sends the failed rows as they were.
   */
  readonly source: RetrySource | null;
  readonly onStarted?: () => void;
}

/** Sends only the run's failed rows again; the rows already sent stay as they are. Nothing to retry, nothing shown. */
export function RetryFailedRows({ runId, source, onStarted }: Props) {
  const queryClient = useQueryClient();
  const run = useRun(runId).data;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!run || (run.state !== 'finished' && run.state !== 'cancelled')) return null;
  const failed = run.counts.rejected + (source ? run.counts.fileRejected : 0);
  if (failed === 0) return null;

  async function retry() {
    setBusy(true);
    setError(null);
    try {
      const started = await retryFailedRows(runId, source);
      // The run is going again; without this the page would still see it finished.
      queryClient.setQueryData(runKey(runId), started.run);
      void queryClient.invalidateQueries({ queryKey: runsKey });
      onStarted?.();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="space-y-2">
      <button type="button" className="btn-primary" disabled={busy} onClick={() => void retry()} data-testid="retry-failed-rows">
        {busy ? 'Starting the retry…' : `Retry ${failed} failed ${failed === 1 ? 'row' : 'rows'}`}
      </button>
      <p className="text-xs text-slate-500">Only these rows are sent again{source ? ', with the values the grid has for them now' : ''}.</p>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
