import { NextResponse } from 'next/server';
import { z } from 'zod';
import { type OrderPlanResponse, orderPlanStatusValues } from '@/lib/forecast-types';
import { connectedRoute } from '@/lib/server/route-guard';
import { parseJsonBody } from '@/lib/server/route-response';
import { stockTrimClientFor } from '@/lib/server/stocktrim-for-session';
import { type SkuResultDto, calculatedAtOf, toOrderPlanRow } from './order-plan-row';

export const dynamic = 'force-dynamic';

/** Blank filters are dropped: StockTrim would match "" literally, i.e. nothing. */
const optionalText = z
  .string()
  .trim()
  .max(200, 'A filter is at most 200 characters.')
  .optional()
  .transform((v) => (v ? v : undefined));
const filterSchema = z.strictObject({
  currentStatus: z.enum(orderPlanStatusValues).optional(),
  searchString: optionalText,
  category: optionalText,
  supplier: optionalText,
  location: optionalText,
});

export const POST = connectedRoute(async (request, { credentials }) => {
  const body = await parseJsonBody(request, filterSchema, 8 * 1024);
  if (!body.ok) return body.response;
  const criteria = Object.fromEntries(Object.entries(body.data).filter(([, v]) => v !== undefined));
  const res = await stockTrimClientFor(credentials, { signal: request.signal }).request<{ results?: SkuResultDto[] | null }>('POST', '/OrderPlan', {
    body: criteria,
    idempotent: true,
  });
  const results = Array.isArray(res.data?.results) ? res.data.results : [];
  const answer: OrderPlanResponse = { results: results.map(toOrderPlanRow), calculatedAt: calculatedAtOf(results) };
  return NextResponse.json(answer);
});
