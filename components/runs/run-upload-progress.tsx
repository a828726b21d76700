'use client';

import { count } from '@/lib/text/count';

/** The rows going up to the dashboard, before its server takes the run over. */
export function RunUploadProgress({ uploaded, onCancel }: { uploaded: { done: number; total: number } | null; onCancel: () => void }) {
  const fraction = uploaded && uploaded.total > 0 ? uploaded.done / uploaded.total : 0;
  return (
    <section className="card space-y-3" aria-labelledby="uploading-heading" data-testid="run-upload">
      <h2 id="uploading-heading" className="text-lg font-semibold">
        Handing the rows to the dashboard…
      </h2>
      <div className="h-3 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={uploaded?.total ?? 0} aria-valuenow={uploaded?.done ?? 0}>
        <div className="h-full bg-indigo-400 transition-all" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </div>
      <p className="text-sm text-slate-700">
        {uploaded ? `${count(uploaded.done)} of ${count(uploaded.total)} rows handed over.` : 'Preparing the rows…'} Complete orders and records go to StockTrim as soon as
        they are on the dashboard&apos;s server, while the rest is uploaded; keep this page open until the upload ends, and from then on the server finishes the push even if the
        page is closed. Cancel stops it: rows already sent stay in StockTrim, and the push&apos;s page lists them.
      </p>
      <button type="button" className="btn-secondary" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
