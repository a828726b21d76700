import { NextResponse } from 'next/server';
import { z } from 'zod';
import { MAX_CODE_LENGTH, MAX_CODES_PER_CHECK, checkProductCodes } from '@/lib/server/product-check';
import { connectedRoute } from '@/lib/server/route-guard';
import { parseJsonBody } from '@/lib/server/route-response';
import { stockTrimClientFor } from '@/lib/server/stocktrim-for-session';

export const dynamic = 'force-dynamic';

// 20,000 codes of 200 characters, quoted and comma-separated, with room to spare.
const MAX_BODY_BYTES = 5 * 1024 * 1024;

const bodySchema = z.strictObject({
  codes: z
    .array(
      z
        .string()
        .trim()
        .min(1, 'a product code is empty; leave empty codes out')
        .max(MAX_CODE_LENGTH, `a product code is longer than ${MAX_CODE_LENGTH} characters; StockTrim codes are shorter, so check the column mapped to the product code`),
      { error: 'send the codes as a list: { "codes": ["A-1", "B-2"] }' },
    )
    .min(1, 'send at least one product code')
    .max(MAX_CODES_PER_CHECK, `send at most ${MAX_CODES_PER_CHECK.toLocaleString('en')} codes per request; split longer lists into several requests`),
});

/** Which of these product codes StockTrim has: `{ known, checkedAt, via, requests, catalogueSize }`. */
export const POST = connectedRoute(async (request, { credentials }) => {
  const body = await parseJsonBody(request, bodySchema, MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const client = stockTrimClientFor(credentials, { signal: request.signal });
  return NextResponse.json(await checkProductCodes(client, body.data.codes));
});
