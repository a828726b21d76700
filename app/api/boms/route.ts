import { NextResponse } from 'next/server';
import { z } from 'zod';
import { connectedRoute } from '@/lib/server/route-guard';
import { errorResponse } from '@/lib/server/route-response';
import { stockTrimClientFor } from '@/lib/server/stocktrim-for-session';
import { type BillOfMaterialsResponse, billOfMaterialsResponseSchema } from '@/lib/stocktrim/contract';
import { StockTrimError } from '@/lib/stocktrim/stocktrim-error';

export const dynamic = 'force-dynamic';

const code = z.string().trim().min(1, 'A product code cannot be empty.').max(200, 'A product code is at most 200 characters.');
const listQuery = z.strictObject({ productId: code.optional(), componentId: code.optional() });
// The assembly is required: without it StockTrim's DELETE has nothing to scope it, and a
// forgotten parameter must never remove a whole structure.
const deleteQuery = z.strictObject({ productId: code, componentId: code.optional() });

export interface BomLine {
  readonly productId: string;
  readonly componentId: string;
  readonly quantity: number | null;
}

export interface BomListResponse {
  readonly lines: readonly BomLine[];
}

function parseQuery<S extends z.ZodType>(request: Request, schema: S): { ok: true; data: z.infer<S> } | { ok: false; response: Response } {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (parsed.success) return { ok: true, data: parsed.data };
  const first = parsed.error.issues[0];
  const message = first?.code === 'unrecognized_keys' ? `Unknown query parameter ${first.keys.join(', ')}.` : `${first?.path.join('.') ?? 'query'}: ${first?.message ?? 'invalid'}`;
  return { ok: false, response: errorResponse(400, message) };
}

const isNotFound = (error: unknown) => error instanceof StockTrimError && error.kind === 'not-found';

/** `GET /api/boms[?productId=][&componentId=]`: the matching bill-of-materials lines ([] when none). */
export const GET = connectedRoute(async (request, { credentials }) => {
  const query = parseQuery(request, listQuery);
  if (!query.ok) return query.response;
  const client = stockTrimClientFor(credentials, { signal: request.signal });
  let lines: BillOfMaterialsResponse[] = [];
  try {
    const res = await client.request<unknown>('GET', '/boms', { query: { productId: query.data.productId, componentId: query.data.componentId } });
    lines = z.array(billOfMaterialsResponseSchema).parse(res.data);
  } catch (error) {
    // StockTrim answers "no lines" with 404 and an empty body.
    if (!isNotFound(error)) throw error;
  }
  const body: BomListResponse = { lines: lines.map((l) => ({ productId: l.productId, componentId: l.componentId, quantity: l.quantity ?? null })) };
  return NextResponse.json(body);
});

/** `DELETE /api/boms?productId=X[&componentId=Y]`: one line, or all of the assembly's lines. */
export const DELETE = connectedRoute(async (request, { credentials }) => {
  const query = parseQuery(request, deleteQuery);
  if (!query.ok) return query.response;
  const client = stockTrimClientFor(credentials, { signal: request.signal });
  try {
    await client.request('DELETE', '/boms', { query: { productId: query.data.productId, componentId: query.data.componentId }, idempotent: true });
  } catch (error) {
    if (isNotFound(error)) return errorResponse(404, `StockTrim has no bill-of-materials line for ${query.data.productId}${query.data.componentId ? ` and ${query.data.componentId}` : ''}.`);
    throw error;
  }
  return NextResponse.json({ deleted: true });
});
