import { NextResponse } from 'next/server';
import { z } from 'zod';
import { getDataset, isDatasetId } from '@/lib/datasets/registry';
import { datasetForKeys } from '@/lib/import/location-columns';
import { checkRowAgainstSchema } from '@/lib/import/row-schema';
import type { PushRow } from '@/lib/import/import-types';
import { PUSH_MAX_ROWS_PER_REQUEST, type PushResponse, type RowOutcome } from '@/lib/push-types';
import { getServerEnv } from '@/lib/server/env';
import { pushOptionsSchema } from '@/lib/server/push/push-options';
import { pushers } from '@/lib/server/push/pushers';
import { connectedRoute } from '@/lib/server/route-guard';
import { errorResponse, parseJsonBody } from '@/lib/server/route-response';
import { stockTrimClientFor } from '@/lib/server/stocktrim-for-session';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

const pushRequestSchema = z.strictObject({
  rows: z
    .array(z.strictObject({ rowNumber: z.int().positive(), values: z.record(z.string(), z.unknown()) }))
    .min(1, 'send at least one row'),
  /** The dataset's push options; checked against its registry declaration below. */
  options: z.record(z.string(), z.unknown()).optional(),
});

/**
 * One batch of rows from the import page. Every row is checked again here with the dataset's
 * schema (the browser is not trusted), then sent; the answer has one outcome per row.
 */
export const POST = connectedRoute<{ params: Promise<{ dataset: string }> }>(async (request, { params, credentials }) => {
  const { dataset: id } = await params;
  if (!isDatasetId(id)) return errorResponse(404, `There is no dataset called "${id}".`);
  const dataset = getDataset(id);
  const body = await parseJsonBody(request, pushRequestSchema, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  if (body.data.rows.length > PUSH_MAX_ROWS_PER_REQUEST) {
    return errorResponse(413, `A push request carries at most ${PUSH_MAX_ROWS_PER_REQUEST} rows; this one had ${body.data.rows.length}. Nothing was sent.`);
  }

  const options = pushOptionsSchema(dataset).safeParse(body.data.options ?? {});
  if (!options.success) {
    const issue = options.error.issues[0];
    return errorResponse(400, `Invalid push option${issue?.path.length ? ` "${issue.path.join('.')}"` : ''}: ${issue?.message ?? 'unknown problem'}. Nothing was sent.`);
  }

  // Location columns ("Stock AKL") are fields of their own; the rows say which ones they carry.
  const rowDataset = datasetForKeys(dataset, new Set(body.data.rows.flatMap((r) => Object.keys(r.values))));
  const outcomes: RowOutcome[] = [];
  const valid: PushRow[] = [];
  for (const row of body.data.rows) {
    const checked = checkRowAgainstSchema(rowDataset, row.rowNumber, row.values);
    if (checked.ok) valid.push({ rowNumber: row.rowNumber, values: checked.values });
    else outcomes.push({ rowNumber: row.rowNumber, status: 'rejected', message: checked.message });
  }

  let retries = 0;
  const client = stockTrimClientFor(credentials, {
    signal: request.signal,
    onRetry: () => {
      retries += 1;
    },
  });
  if (valid.length) outcomes.push(...(await pushers[id](valid, { client, concurrency: getServerEnv().concurrency, options: options.data })));
  outcomes.sort((a, b) => a.rowNumber - b.rowNumber);
  const response: PushResponse = { results: outcomes, requests: client.requestCount(), retries };
  return NextResponse.json(response);
});
