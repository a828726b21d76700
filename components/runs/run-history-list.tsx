'use client';

import Link from 'next/link';
import { formatDuration, runOutcome } from '@/lib/client/run-format';
import { useRunHistory } from './use-runs';

/** Every run of the account, newest first, with its counts, duration and outcome. */
export function RunHistoryList() {
  const history = useRunHistory();
  if (history.error) {
    return (
      <p role="alert" className="rounded bg-rose-50 p-3 text-sm text-rose-800">
        {history.error.message}
      </p>
    );
  }
  if (!history.data) return <p className="text-sm text-slate-600">Reading the history…</p>;
  if (history.data.length === 0) return <p className="text-sm text-slate-600">No imports yet. Runs appear here as soon as you send a file.</p>;
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="run-history">
        <thead className="bg-slate-100 text-left">
          <tr>
            {['Started', 'Dataset', 'File', 'Rows', 'Sent', 'Rejected by StockTrim', 'Errors in the file', 'Skipped', 'Not sent', 'Duration', 'Outcome'].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {history.data.map((run) => (
            <tr key={run.id} className="border-t border-slate-100" data-testid="run-history-row" data-run-id={run.id}>
              <td className="px-3 py-2 whitespace-nowrap">
                <Link className="text-indigo-700 underline" href={`/history/${run.id}`}>
                  {new Date(run.startedAt ?? run.createdAt).toLocaleString()}
                </Link>
              </td>
              <td className="px-3 py-2">{run.datasetLabel}</td>
              <td className="px-3 py-2">{run.fileName}</td>
              <td className="px-3 py-2 tabular-nums">{run.fileRows}</td>
              <td className="px-3 py-2 tabular-nums text-emerald-700">{run.counts.sent}</td>
              <td className="px-3 py-2 tabular-nums text-rose-700">{run.counts.rejected}</td>
              <td className="px-3 py-2 tabular-nums text-rose-700">{run.counts.fileRejected}</td>
              <td className="px-3 py-2 tabular-nums text-slate-600">{run.counts.skipped}</td>
              <td className="px-3 py-2 tabular-nums text-amber-700">{run.counts.pending + run.counts.notSent}</td>
              <td className="px-3 py-2 whitespace-nowrap">{formatDuration(run.elapsedMs)}</td>
              <td className="px-3 py-2">{runOutcome(run)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
