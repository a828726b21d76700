'use client';

import { announcedPercent } from './forecast-polling';
import { useForecastStatus } from './use-forecast-status';

export function RunForecastButton() {
  const { status, start, processing } = useForecastStatus();
  const pct = status.data?.percentageComplete ?? 0;
  // While a run is going, a refused start ("already running") says nothing the progress does not.
  const error = processing ? status.error : (start.error ?? status.error);
  return (
    <div className="space-y-3">
      <button type="button" className="btn-primary" disabled={processing || start.isPending || status.isLoading} onClick={() => start.mutate()}>
        {processing ? 'Forecast running…' : 'Run forecast'}
      </button>
      {(processing || start.isPending) && (
        <div className="max-w-md space-y-1">
          <div className="h-3 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Forecast progress">
            <div className="h-full bg-indigo-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
          <p className="text-sm text-slate-700" data-testid="forecast-progress">
            {pct}% — {status.data?.statusMessage ?? 'Starting…'}
          </p>
        </div>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {processing ? `Forecast running, ${announcedPercent(pct)}% done.` : ''}
      </p>
      {!processing && status.data && status.data.percentageComplete === 100 && (
        <p className="text-sm text-emerald-700" data-testid="forecast-done" role="status">
          Forecast finished (100%). {status.data.statusMessage ?? ''}
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error.message}
        </p>
      )}
    </div>
  );
}
