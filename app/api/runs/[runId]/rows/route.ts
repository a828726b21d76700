import { NextResponse } from 'next/server';
import { getDataset, isDatasetId } from '@/lib/datasets/registry';
import { errorResponse, parseJsonBody } from '@/lib/server/route-response';
import { toRunRowsInSlices } from '@/lib/server/runs/check-uploaded-rows';
import { RUN_CHUNK_MAX_BYTES, RUN_CHUNK_MAX_ROWS, type RunRowsPage, type UploadRowsResponse } from '@/lib/server/runs/run-api';
import { isUploadRowsRequest, listRowsQuerySchema, parseQuery, uploadRowsSchema } from '@/lib/server/runs/run-api-schemas';
import { runRoute } from '@/lib/server/runs/run-route';

export const dynamic = 'force-dynamic';

/** Rows checked between two turns of the event loop (about 0.3 ms). */
const CHECK_SLICE_ROWS = 200;
/**
 * Rows stored in one transaction: about 0.6 ms, during which the runner's lanes (same thread)
 * wait with their answers from StockTrim. 200 rows at a time cost 15% less in all but held
 * them up four times as long each time, which slowed sending by a fifth while a run uploaded.
 */
const STORE_SLICE_ROWS = 50;

/** A page of the run's rows, e.g. `?filter=rejected&offset=0&limit=100`. */
export const GET = runRoute(async (request, { run, services }) => {
  const query = parseQuery(request, listRowsQuerySchema);
  if (!query.ok) return errorResponse(400, query.message);
  const page: RunRowsPage = services.store.listRows(run.id, query.data);
  return NextResponse.json(page);
});

/**
 * One chunk of the upload. Sending a chunk again replaces its rows, so a failed request can be
 * repeated. With `readyBatches`, the page says the batches below it are complete: the server
 * seals the session's credentials into the run and starts sending those batches while the
 * upload goes on (the run stays "uploading" until /start).
 */
export const POST = runRoute(async (request, { run, services, credentials }) => {
  if (run.state === 'cancelled') return errorResponse(409, run.message ?? 'This run was cancelled; its rows can no longer be changed. Start a new push instead.');
  if (run.state !== 'uploading') return errorResponse(409, 'This run has already started; its rows can no longer be changed. Start a new push instead.');
  if (!isDatasetId(run.dataset)) return errorResponse(409, `This dashboard no longer knows the dataset "${run.dataset}".`);
  const body = await parseJsonBody(request, uploadRowsSchema, RUN_CHUNK_MAX_BYTES, isUploadRowsRequest);
  if (!body.ok) return body.response;
  if (body.data.rows.length > RUN_CHUNK_MAX_ROWS) {
    return errorResponse(413, `An upload request carries at most ${RUN_CHUNK_MAX_ROWS} rows; this one had ${body.data.rows.length}. Nothing was stored.`);
  }
  const rows = await toRunRowsInSlices(getDataset(run.dataset), body.data.rows, CHECK_SLICE_ROWS);
  const readyBatches = body.data.readyBatches ?? 0;
  // Stored in slices, each its own transaction, so the runner's lanes (same thread) are not
  // held up behind a whole chunk; the chunk is checked whole first, and only the last slice
  // says which batches may go. A chunk cut short by a crash is sent again by the page.
  services.store.checkRows(run.id, rows);
  for (let i = 0; i < rows.length; i += STORE_SLICE_ROWS) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const last = i + STORE_SLICE_ROWS >= rows.length;
    services.store.addRows(run.id, rows.slice(i, i + STORE_SLICE_ROWS), last && readyBatches > 0 ? { readyBatches, sealedCredentials: services.box.seal(run.id, credentials) } : undefined);
  }
  if (readyBatches > 0) services.runner.wake();
  const response: UploadRowsResponse = { received: rows.length, rejected: rows.filter((r) => r.status === 'rejected' && r.rejectedBy === 'dashboard').length };
  return NextResponse.json(response);
});
