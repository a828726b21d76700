import { NextResponse } from 'next/server';
import { getDataset, isDatasetId } from '@/lib/datasets/registry';
import { errorResponse, parseJsonBody } from '@/lib/server/route-response';
import { toRunRows } from '@/lib/server/runs/check-uploaded-rows';
import { RUN_CHUNK_MAX_BYTES, RUN_CHUNK_MAX_ROWS, type RunRowsPage, type UploadRowsResponse } from '@/lib/server/runs/run-api';
import { listRowsQuerySchema, parseQuery, uploadRowsSchema } from '@/lib/server/runs/run-api-schemas';
import { runRoute } from '@/lib/server/runs/run-route';

export const dynamic = 'force-dynamic';

/** A page of the run's rows, e.g. `?filter=rejected&offset=0&limit=100`. */
export const GET = runRoute(async (request, { run, services }) => {
  const query = parseQuery(request, listRowsQuerySchema);
  if (!query.ok) return errorResponse(400, query.message);
  const page: RunRowsPage = services.store.listRows(run.id, query.data);
  return NextResponse.json(page);
});

/** One chunk of the upload. Sending a chunk again replaces its rows, so a failed request can be repeated. */
export const POST = runRoute(async (request, { run, services }) => {
  if (run.state !== 'uploading') return errorResponse(409, 'This run has already started; its rows can no longer be changed. Start a new push instead.');
  if (!isDatasetId(run.dataset)) return errorResponse(409, `This dashboard no longer knows the dataset "${run.dataset}".`);
  const body = await parseJsonBody(request, uploadRowsSchema, RUN_CHUNK_MAX_BYTES);
  if (!body.ok) return body.response;
  if (body.data.rows.length > RUN_CHUNK_MAX_ROWS) {
    return errorResponse(413, `An upload request carries at most ${RUN_CHUNK_MAX_ROWS} rows; this one had ${body.data.rows.length}. Nothing was stored.`);
  }
  const rows = toRunRows(getDataset(run.dataset), body.data.rows);
  services.store.addRows(run.id, rows);
  const response: UploadRowsResponse = { received: rows.length, rejected: rows.filter((r) => r.status === 'rejected' && r.rejectedBy === 'dashboard').length };
  return NextResponse.json(response);
});
