'use client';

import { countOf } from '@/lib/text/count';

import type { RunOutcome } from '@/lib/client/run-result';
import type { FieldDef } from '@/lib/datasets/field-def';
import type { SkipReason } from '@/lib/import/import-types';
import { type CsvCell, toCsv } from '@/lib/csv/write-csv';

export interface FileErrorRow {
  readonly rowNumber: number;
  readonly message: string;
  readonly values: Readonly<Record<string, unknown>>;
}

interface Props {
  readonly result: RunOutcome;
  readonly total: number;
  readonly fileErrorCount: number;
  readonly skippedCount: number;
  /** Of the skipped rows, those the user skipped by hand; the rest are under their rule. */
  readonly skippedByYou: number;
  readonly skipReasons: readonly SkipReason[];
  /** How many records (products, orders) the sent rows formed, when the dataset groups rows. */
  readonly orders?: { readonly count: number; readonly noun: string };
  readonly fields: readonly FieldDef[];
  readonly loadFileErrors: () => Promise<readonly FileErrorRow[]>;
  readonly fileName: string;
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The account of every row: sent, rejected (by StockTrim or by the file check), or not sent. */
export function PushResult({ result, total, fileErrorCount, skippedCount, skippedByYou, skipReasons, orders, fields, loadFileErrors, fileName }: Props) {
  // A push cancelled while the page was uploading never handed the rest of the file over, and
  // the run holds only what had arrived: every row the page meant to send and that was not sent
  // or rejected is not sent.
  const notSent = result.cancelled ? Math.max(result.notSentRowNumbers.length, total - (result.sent + result.rejected + fileErrorCount + skippedCount)) : result.notSentRowNumbers.length;
  const accounted = result.sent + result.rejected + fileErrorCount + skippedCount + notSent;

  async function downloadRejected() {
    const fileErrors = await loadFileErrors();
    const rows = [
      ...fileErrors.map((r) => ({ ...r, where: 'Not sent: problem in the file' })),
      ...result.rejectedRows.map((r) => ({ ...r, where: 'Rejected by StockTrim' })),
    ].sort((a, b) => a.rowNumber - b.rowNumber);
    const header = ['Row', 'Outcome', 'Reason', ...fields.map((f) => f.label)];
    const csv = toCsv([header, ...rows.map((r) => [r.rowNumber, r.where, r.message, ...fields.map((f) => r.values[f.key] as CsvCell)])]);
    download(`${fileName.replace(/\.[^.]+$/, '')}-rejected-rows.csv`, csv);
  }

  return (
    <section aria-labelledby="result-heading" className="card space-y-4" data-testid="push-result">
      <h2 id="result-heading" className="text-lg font-semibold">
        {result.cancelled ? 'Push cancelled' : result.stoppedBy ? 'Push stopped' : 'Push finished'}
      </h2>
      {result.stoppedBy && (
        <p role="alert" className="rounded bg-rose-50 p-3 text-sm text-rose-800">
          {result.stoppedBy}
        </p>
      )}
      <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-6">
        <div>
          <dt className="text-slate-500">Rows in file</dt>
          <dd className="text-xl font-semibold" data-testid="result-total">{total}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Sent</dt>
          <dd className="text-xl font-semibold text-emerald-700" data-testid="result-sent">{result.sent}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Rejected by StockTrim</dt>
          <dd className="text-xl font-semibold text-rose-700" data-testid="result-rejected">{result.rejected}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Not sent: problems in file</dt>
          <dd className="text-xl font-semibold text-rose-700" data-testid="result-file-errors">{fileErrorCount}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Skipped (by you or a rule)</dt>
          <dd className="text-xl font-semibold text-slate-700" data-testid="result-skipped">{skippedCount}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Not sent: stopped</dt>
          <dd className="text-xl font-semibold text-amber-700" data-testid="result-not-sent">{notSent}</dd>
        </div>
      </dl>
      {skippedCount > 0 && (
        <ul className="list-disc pl-5 text-sm text-slate-700" data-testid="result-skip-reasons">
          {skippedByYou > 0 && <li>{skippedByYou} skipped by you, row by row</li>}
          {skipReasons
            .filter((r) => r.count > 0)
            .map((r) => (
              <li key={`${r.kind}-${r.reason}`}>
                {r.reason}: {r.count}
              </li>
            ))}
        </ul>
      )}
      {orders && (
        <p className="text-sm text-slate-700" data-testid="result-orders">
          The rows sent form {orders.count} {orders.noun}.
        </p>
      )}
      <p className="text-sm text-slate-600">
        {accounted === total ? 'Every row is accounted for.' : `Warning: ${countOf(total - accounted, 'row')} ${total - accounted === 1 ? 'is' : 'are'} unaccounted for.`} {countOf(result.requests, 'request')} to
        StockTrim ({countOf(result.retries, 'retry', 'retries')}) in {(result.elapsedMs / 1000).toFixed(1)} s.
      </p>
      {result.rejected + fileErrorCount > 0 && (
        <button type="button" className="btn-secondary" onClick={() => void downloadRejected()}>
          Download rejected rows (CSV)
        </button>
      )}
      {result.rejectedRows.length > 0 && (
        <div className="max-h-64 overflow-auto rounded border border-slate-200">
          <table className="min-w-full text-sm" data-testid="rejected-rows">
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-3 py-1">
                  Row
                </th>
                <th scope="col" className="px-3 py-1">
                  StockTrim&apos;s reason
                </th>
              </tr>
            </thead>
            <tbody>
              {result.rejectedRows.slice(0, 500).map((r) => (
                <tr key={r.rowNumber}>
                  <td className="px-3 py-1 font-mono">{r.rowNumber}</td>
                  <td className="px-3 py-1">{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
