import 'server-only';
import type { NextResponse } from 'next/server';
import type { StockTrimCredentials } from '@/lib/stocktrim/client';
import { errorResponse, responseForError } from './route-response';
import { rejectCrossOrigin } from './same-origin';
import { readCredentials } from './session';

/** No route takes more than this; pushes come in chunks far below it. */
const HARD_BODY_LIMIT_BYTES = 8 * 1024 * 1024;

type Handler<C> = (request: Request, context: C & { credentials: StockTrimCredentials }) => Promise<Response | NextResponse>;

/**
 * Every route that talks to StockTrim goes through this: cross-site writes refused, a
 * connection required, and any failure answered with a status and a message a person can act on.
 */
export function connectedRoute<C extends object>(handler: Handler<C>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const refused = rejectCrossOrigin(request);
        if (refused) return refused;
        if (Number(request.headers.get('content-length') ?? '0') > HARD_BODY_LIMIT_BYTES) {
          return errorResponse(413, 'The request is too large; nothing was done.');
        }
      }
      const credentials = await readCredentials();
      if (!credentials) return errorResponse(401, 'Not connected to StockTrim. Open Connect and enter your API credentials.');
      return await handler(request, { ...context, credentials });
    } catch (error) {
      return responseForError(error);
    }
  };
}
