import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { StockTrimError } from '@/lib/stocktrim/stocktrim-error';

export interface ErrorBody {
  readonly error: string;
  readonly fieldErrors?: Readonly<Record<string, readonly string[]>>;
}

export function errorResponse(status: number, message: string, fieldErrors?: ErrorBody['fieldErrors']): NextResponse<ErrorBody> {
  return NextResponse.json(fieldErrors ? { error: message, fieldErrors } : { error: message }, { status });
}

const statusForKind: Record<StockTrimError['kind'], number> = {
  auth: 401,
  validation: 400,
  'not-found': 404,
  throttled: 429,
  server: 502,
  network: 502,
  timeout: 504,
  unexpected: 502,
};

/** Maps anything a handler throws to an answer; internal details go to the log, never the page. */
export function responseForError(error: unknown): NextResponse<ErrorBody> {
  if (error instanceof StockTrimError) {
    return errorResponse(statusForKind[error.kind], error.message, error.kind === 'validation' ? error.fieldErrors : undefined);
  }
  console.error('[dashboard] unexpected error in a route handler:', error instanceof Error ? error.message : error);
  return errorResponse(500, 'The dashboard hit an unexpected error. Nothing was sent; try again, and report it if it repeats.');
}

/** Reads a JSON body and checks it; the answer names what is wrong. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes: number,
  /** A quick check that says yes exactly where the schema would (without its copy); no: the schema decides. */
  quickAccept?: (json: unknown) => json is z.infer<S>,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: NextResponse<ErrorBody> }> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, response: errorResponse(415, 'Send the request body as JSON (Content-Type: application/json).') };
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    return { ok: false, response: errorResponse(413, `The request is larger than ${Math.round(maxBytes / 1024)} KB; send it in smaller chunks.`) };
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) {
    return { ok: false, response: errorResponse(413, `The request is larger than ${Math.round(maxBytes / 1024)} KB; send it in smaller chunks.`) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: errorResponse(400, 'The request body is not valid JSON.') };
  }
  if (quickAccept?.(json)) return { ok: true, data: json };
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    return { ok: false, response: errorResponse(400, `Invalid request${where}: ${first?.message ?? 'unknown problem'}.`) };
  }
  return { ok: true, data: parsed.data };
}
