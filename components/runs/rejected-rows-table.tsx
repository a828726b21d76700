'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchRunRows } from '@/lib/client/run-calls';
import type { RejectedBy, RunSummary } from '@/lib/server/runs/run-api';

const PAGE = 100;

const WHO: Record<RejectedBy, string> = { file: 'File check', dashboard: "Dashboard's check", stocktrim: 'StockTrim' };

/** The run's rejected rows with their reasons, a page at a time. */
export function RejectedRowsTable({ run }: { run: RunSummary }) {
  const [offset, setOffset] = useState(0);
  const rows = useQuery({
    queryKey: ['runs', 'one', run.id, 'rejected', offset, run.counts.rejected, run.counts.fileRejected, run.round],
    queryFn: () => fetchRunRows(run.id, 'rejected', offset, PAGE),
    placeholderData: keepPreviousData,
  });
  if (rows.error) return <p role="alert" className="text-sm text-rose-700">{rows.error.message}</p>;
  if (!rows.data) return <p className="text-sm text-slate-600">Reading the rejected rows…</p>;
  const { total } = rows.data;
  return (
    <div className="space-y-2">
      <div className="max-h-96 overflow-auto rounded border border-slate-200">
        <table className="min-w-full text-sm" data-testid="run-rejected-rows">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-1">Row</th>
              <th scope="col" className="px-3 py-1">Refused by</th>
              <th scope="col" className="px-3 py-1">Reason</th>
              <th scope="col" className="px-3 py-1">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {rows.data.rows.map((r) => (
              <tr key={r.rowNumber} className="border-t border-slate-100">
                <td className="px-3 py-1 font-mono">{r.rowNumber}</td>
                <td className="px-3 py-1 whitespace-nowrap">{WHO[r.rejectedBy ?? 'stocktrim']}</td>
                <td className="px-3 py-1">{r.answer}</td>
                <td className="px-3 py-1 tabular-nums">{r.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > PAGE && (
        <div className="flex items-center gap-3 text-sm">
          <button type="button" className="btn-secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span>
            Rows {offset + 1}–{Math.min(total, offset + PAGE)} of {total}
          </span>
          <button type="button" className="btn-secondary" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </div>
      )}
    </div>
  );
}
