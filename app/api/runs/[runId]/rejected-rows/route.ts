import { getDataset, isDatasetId } from '@/lib/datasets/registry';
import { rejectedRowsCsv } from '@/lib/server/runs/rejected-rows-csv';
import { runRoute } from '@/lib/server/runs/run-route';

export const dynamic = 'force-dynamic';

/** The run's rejected rows with their reasons, as a formula-safe CSV download. */
export const GET = runRoute(async (_request, { run, services }) => {
  const { rows } = services.store.listRows(run.id, { filter: 'rejected', offset: 0, limit: Number.MAX_SAFE_INTEGER });
  const csv = rejectedRowsCsv(isDatasetId(run.dataset) ? getDataset(run.dataset) : null, rows);
  const base = run.fileName.replace(/\.[^.]+$/, '') || 'import';
  const name = `${base}-rejected-rows.csv`;
  const ascii = name.replace(/[^\w.-]+/g, '_');
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
    },
  });
});
