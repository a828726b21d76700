'use client';

import type { RunSummary } from '@/lib/server/runs/run-api';
import { useRunControl } from './use-runs';

/** Pause, resume and cancel. Rows already on their way land; cancelled rows are reported as not sent. */
export function RunControls({ run }: { run: RunSummary }) {
  const control = useRunControl(run.id);
  const busy = control.isPending;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-3">
        {run.state === 'running' && (
          <button type="button" className="btn-secondary" disabled={busy} onClick={() => control.mutate('pause')}>
            Pause
          </button>
        )}
        {(run.state === 'paused' || run.state === 'waiting-credentials') && (
          <button type="button" className="btn-primary" disabled={busy} onClick={() => control.mutate('resume')}>
            Resume
          </button>
        )}
        {(run.state === 'running' || run.state === 'paused' || run.state === 'waiting-credentials' || run.state === 'uploading') && (
          <button type="button" className="btn-secondary" disabled={busy} onClick={() => control.mutate('cancel')}>
            Cancel
          </button>
        )}
      </div>
      {control.error && (
        <p role="alert" className="text-sm text-rose-700">
          {control.error.message}
        </p>
      )}
    </div>
  );
}
