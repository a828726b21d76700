import { NextResponse } from 'next/server';
import { getDataset, isDatasetId } from '@/lib/datasets/registry';
import { errorResponse, parseJsonBody } from '@/lib/server/route-response';
import { checkRowValues, rowsDataset } from '@/lib/server/runs/check-uploaded-rows';
import { retriesWholeRecords } from '@/lib/server/runs/resend-policy';
import { RUN_CHUNK_MAX_BYTES, RUN_CHUNK_MAX_ROWS, type RetryResponse } from '@/lib/server/runs/run-api';
import { retrySchema } from '@/lib/server/runs/run-api-schemas';
import { runRoute } from '@/lib/server/runs/run-route';
import { summarizeRun } from '@/lib/server/runs/run-summary';

export const dynamic = 'force-dynamic';

/**
 * Sends the run's failed rows again, and only those. Fixes from the import grid replace a
 * failed row's values (checked again here); more than one chunk of fixes is sent with
 * `start: false` on all but the last.
 */
export const POST = runRoute(async (request, { run, services, credentials }) => {
  if (!isDatasetId(run.dataset)) return errorResponse(409, `This dashboard no longer knows the dataset "${run.dataset}".`);
  const body = await parseJsonBody(request, retrySchema, RUN_CHUNK_MAX_BYTES);
  if (!body.ok) return body.response;
  const fixes = body.data.fixes ?? [];
  if (fixes.length > RUN_CHUNK_MAX_ROWS) {
    return errorResponse(413, `A retry request carries at most ${RUN_CHUNK_MAX_ROWS} fixed rows; this one had ${fixes.length}. Send them in chunks.`);
  }
  const registered = getDataset(run.dataset);
  const dataset = rowsDataset(registered, fixes);
  const checked = fixes.map((f) => ({ rowNumber: f.rowNumber, ...checkRowValues(dataset, f.rowNumber, f.values) }));
  const result = services.store.retry(run.id, {
    fixes: checked,
    start: body.data.start ?? true,
    sealedCredentials: services.box.seal(run.id, credentials),
    wholeRecords: retriesWholeRecords(registered),
  });
  services.runner.wake();
  const response: RetryResponse = { run: summarizeRun(result.run), fixed: result.fixed, ignored: result.ignored };
  return NextResponse.json(response);
});
