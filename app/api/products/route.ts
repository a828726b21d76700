import { NextResponse } from 'next/server';
import { z } from 'zod';
import { type ProductDeleteResult, type ProductLookup, type ProductPage, type ProductSaveResult, STOCKTRIM_PRODUCTS_PAGE_SIZE } from '@/lib/products/product-api-types';
import { toProductDocument, toProductDocuments } from '@/lib/products/product-document';
import type { ProductDocument } from '@/lib/products/product-form-values';
import { payloadFieldErrors, productUpsertRequestSchema, toProductsRequest } from '@/lib/products/product-upsert';
import { connectedRoute } from '@/lib/server/route-guard';
import { errorResponse, parseJsonBody } from '@/lib/server/route-response';
import { stockTrimClientFor } from '@/lib/server/stocktrim-for-session';
import type { StockTrimClient } from '@/lib/stocktrim/client';
import { StockTrimError } from '@/lib/stocktrim/stocktrim-error';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 256 * 1024;

const codeSchema = z.string().trim().min(1, 'Enter a product code.').max(200, 'A product code is at most 200 characters.');
const lookupQuery = z.strictObject({ code: codeSchema });
const pageQuery = z.strictObject({
  pageNo: z
    .string()
    .regex(/^\d{1,6}$/, 'pageNo must be a whole number from 1.')
    .transform(Number)
    .pipe(z.int().min(1, 'Pages count from 1.'))
    .optional(),
});
const deleteQuery = z.strictObject({ productId: codeSchema });

function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

function badQuery(error: z.ZodError) {
  const first = error.issues[0];
  if (first?.code === 'unrecognized_keys') return errorResponse(400, `Unknown query parameter ${first.keys.join(', ')}.`);
  return errorResponse(400, first?.message ?? 'Invalid query.');
}

const isNotFound = (error: unknown): error is StockTrimError => error instanceof StockTrimError && error.kind === 'not-found';

/** StockTrim's exact-code lookup; its 404-with-empty-body means "no such product". */
async function findProduct(client: StockTrimClient, code: string): Promise<ProductDocument | null> {
  try {
    const res = await client.request<unknown>('GET', '/Products', { query: { code } });
    return toProductDocuments(res.data).find((p) => p.productId === code) ?? null;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** `?pageNo=N`: one StockTrim page of 50. `?code=X`: the product whose code is exactly X. */
export const GET = connectedRoute(async (request, { credentials }) => {
  const query = queryOf(request);
  const client = stockTrimClientFor(credentials, { signal: request.signal });
  if ('code' in query) {
    const parsed = lookupQuery.safeParse(query);
    if (!parsed.success) return badQuery(parsed.error);
    const product = await findProduct(client, parsed.data.code);
    if (!product) {
      return errorResponse(
        404,
        `No product has the code "${parsed.data.code}". StockTrim only finds a whole code, exactly as written (upper and lower case count).`,
      );
    }
    return NextResponse.json({ product } satisfies ProductLookup);
  }
  const parsed = pageQuery.safeParse(query);
  if (!parsed.success) return badQuery(parsed.error);
  const pageNo = parsed.data.pageNo ?? 1;
  let products: ProductDocument[];
  try {
    products = toProductDocuments((await client.request<unknown>('GET', '/Products', { query: { pageNo } })).data);
  } catch (error) {
    // StockTrim answers a page past the end with 404 and no body.
    if (!isNotFound(error)) throw error;
    products = [];
  }
  const page: ProductPage = { products, pageNo, pageSize: STOCKTRIM_PRODUCTS_PAGE_SIZE, hasMore: products.length >= STOCKTRIM_PRODUCTS_PAGE_SIZE };
  return NextResponse.json(page);
});

/** Upserts one product. "create" first checks the code is free, so it never overwrites another product. */
export const POST = connectedRoute(async (request, { credentials }) => {
  const body = await parseJsonBody(request, z.unknown(), MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const parsed = productUpsertRequestSchema.safeParse(body.data);
  if (!parsed.success) {
    const fieldErrors = payloadFieldErrors(parsed.error, body.data);
    return errorResponse(400, `The product was not sent: ${Object.values(fieldErrors).flat().join(' ')}`, fieldErrors);
  }
  const { mode, product } = parsed.data;
  const dto = toProductsRequest(product);
  const client = stockTrimClientFor(credentials, { signal: request.signal });
  if (mode === 'create' && (await findProduct(client, dto.productId))) {
    const message = `A product with the code "${dto.productId}" already exists in StockTrim. Open it to change it, or choose another code.`;
    return errorResponse(409, message, { ProductId: [message] });
  }
  // Upserting the same document twice leaves the same product, so a retry is safe.
  const res = await client.request<unknown>('POST', '/Products', { body: dto, idempotent: true });
  const saved = toProductDocument(res.data) ?? (dto as unknown as ProductDocument);
  const result: ProductSaveResult = res.status === 201 ? { outcome: 'created', status: 201, product: saved } : { outcome: 'updated', status: 200, product: saved };
  return NextResponse.json(result, { status: res.status === 201 ? 201 : 200 });
});

/** StockTrim's delete is slow (seconds in production); the page shows progress meanwhile. */
export const DELETE = connectedRoute(async (request, { credentials }) => {
  const parsed = deleteQuery.safeParse(queryOf(request));
  if (!parsed.success) return badQuery(parsed.error);
  const { productId } = parsed.data;
  try {
    await stockTrimClientFor(credentials, { signal: request.signal }).request('DELETE', '/Products', { query: { productId } });
  } catch (error) {
    if (!isNotFound(error)) throw error;
    // A 404 on a retry means an earlier attempt, whose answer was lost, did delete it.
    if (error.attempts === 1) return errorResponse(404, `No product has the code "${productId}"; it may have been deleted already.`);
  }
  return NextResponse.json({ deleted: productId } satisfies ProductDeleteResult);
});
