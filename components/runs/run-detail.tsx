'use client';

import { RunForecastButton } from '@/components/forecast/run-forecast-button';
import { formatDuration, runOutcome, runRequestsText, runStateLabel } from '@/lib/client/run-format';
import { isActiveRunState } from '@/lib/server/runs/run-api';
import { RejectedRowsTable } from './rejected-rows-table';
import { RetryFailedRows } from './retry-failed-rows';
import { RunProgress } from './run-progress';
import { useRun } from './use-runs';

function Figure({ label, value, testId, tone = '' }: { label: string; value: string | number; testId: string; tone?: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className={`text-xl font-semibold ${tone}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** One run: what happened to every row, its rejected rows and reasons, and what to do next. */
export function RunDetail({ runId }: { runId: string }) {
  const query = useRun(runId);
  const run = query.data;
  if (!run) {
    return (
      <p role={query.error ? 'alert' : 'status'} className={query.error ? 'rounded bg-rose-50 p-3 text-sm text-rose-800' : 'text-sm text-slate-600'}>
        {query.error ? query.error.message : 'Reading the run…'}
      </p>
    );
  }
  const c = run.counts;
  const active = isActiveRunState(run.state);
  const final = run.state === 'finished' || run.state === 'cancelled';
  return (
    <div className="space-y-6" data-testid="run-detail" data-run-state={run.state}>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">
          {run.datasetLabel} from {run.fileName}
        </h1>
        <p className="text-sm text-slate-600">
          <span data-testid="run-state">{runStateLabel(run.state)}</span>
          {final ? ` — ${runOutcome(run)}` : ''}. Started {new Date(run.startedAt ?? run.createdAt).toLocaleString()}
          {run.finishedAt ? `, ended ${new Date(run.finishedAt).toLocaleString()}` : ''} ({formatDuration(run.elapsedMs)}).
        </p>
      </div>

      {final && run.message && (
        <p className="rounded bg-amber-50 p-3 text-sm text-amber-900" data-testid="run-message">
          {run.message}
        </p>
      )}

      {active && <RunProgress runId={run.id} />}

      <section className="card space-y-4" aria-labelledby="counts-heading">
        <h2 id="counts-heading" className="text-lg font-semibold">
          Every row
        </h2>
        <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-7">
          <Figure label="Rows in file" value={run.fileRows} testId="run-file-rows" />
          <Figure label="Sent" value={c.sent} testId="run-sent" tone="text-emerald-700" />
          <Figure label="Rejected by StockTrim" value={c.rejected} testId="run-rejected" tone="text-rose-700" />
          <Figure label="Not sent: problems in file" value={c.fileRejected} testId="run-file-errors" tone="text-rose-700" />
          <Figure label="Skipped" value={c.skipped} testId="run-skipped" />
          <Figure label="To go" value={c.pending} testId="run-pending" tone="text-indigo-700" />
          <Figure label="Not sent: cancelled" value={c.notSent} testId="run-not-sent" tone="text-amber-700" />
        </dl>
        <p className="text-sm text-slate-600" data-testid="run-requests">
          {runRequestsText(run)}
        </p>
      </section>

      {c.rejected + c.fileRejected > 0 && (
        <section className="card space-y-3" aria-labelledby="rejected-heading">
          <h2 id="rejected-heading" className="text-lg font-semibold">
            Rejected rows
          </h2>
          <div className="flex flex-wrap gap-3">
            <a className="btn-secondary" href={`/api/runs/${run.id}/rejected-rows`} download data-testid="download-rejected">
              Download rejected rows (CSV)
            </a>
            <RetryFailedRows runId={run.id} source={null} />
          </div>
          {final && c.fileRejected > 0 && (
            <p className="text-xs text-slate-500">Rows refused by the file check can only be retried from the import page, after fixing them in the grid.</p>
          )}
          <RejectedRowsTable run={run} />
        </section>
      )}

      {run.state === 'finished' && c.sent > 0 && (
        <section className="card space-y-3" aria-labelledby="forecast-heading">
          <h2 id="forecast-heading" className="text-lg font-semibold">
            Forecast
          </h2>
          <p className="text-sm text-slate-600">StockTrim uses the new data from its next forecast calculation.</p>
          <RunForecastButton />
        </section>
      )}
    </div>
  );
}
