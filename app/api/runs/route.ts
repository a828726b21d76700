import { NextResponse } from 'next/server';
import { getDataset, isDatasetId } from '@/lib/datasets/registry';
import { connectedRoute } from '@/lib/server/route-guard';
import { pushOptionsSchema } from '@/lib/server/push/push-options';
import { errorResponse, parseJsonBody } from '@/lib/server/route-response';
import { createRunSchema, listRunsQuerySchema, parseQuery } from '@/lib/server/runs/run-api-schemas';
import { getRunServices } from '@/lib/server/runs/run-services';
import { summarizeRun } from '@/lib/server/runs/run-summary';

export const dynamic = 'force-dynamic';

/** The session's account's runs, newest first; `?active=1` for the ones still going. */
export const GET = connectedRoute(async (request, { credentials }) => {
  const query = parseQuery(request, listRunsQuerySchema);
  if (!query.ok) return errorResponse(400, query.message);
  const runs = getRunServices().store.listRuns(credentials.authId, { activeOnly: query.data.active ?? false, limit: query.data.limit ?? 100 });
  const now = Date.now();
  return NextResponse.json({ runs: runs.map((r) => summarizeRun(r, now)) });
});

/** Opens a run for an upload; its rows follow in chunks, then /start hands it to the server. */
export const POST = connectedRoute(async (request, { credentials }) => {
  const body = await parseJsonBody(request, createRunSchema, 16 * 1024);
  if (!body.ok) return body.response;
  const { dataset, fileName, fileRows, batchRows, pushOptions } = body.data;
  if (!isDatasetId(dataset)) return errorResponse(400, `There is no dataset called "${dataset}".`);
  const options = pushOptionsSchema(getDataset(dataset)).safeParse(pushOptions ?? {});
  if (!options.success) {
    const issue = options.error.issues[0];
    return errorResponse(400, `Invalid push option${issue?.path.length ? ` "${issue.path.join('.')}"` : ''}: ${issue?.message ?? 'unknown problem'}. Nothing was stored.`);
  }
  const run = getRunServices().store.createRun({
    accountId: credentials.authId,
    dataset: getDataset(dataset).id,
    fileName,
    options: { fileRows, batchRows, pushOptions: options.data },
  });
  return NextResponse.json({ run: summarizeRun(run) }, { status: 201 });
});
