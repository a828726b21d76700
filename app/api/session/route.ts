import { NextResponse } from 'next/server';
import { connectRequestSchema } from '@/lib/connection-schema';
import { connectAttemptKey, createAttemptLimiter } from '@/lib/server/attempt-limiter';
import { readConnectionStatus } from '@/lib/server/connection-status';
import { getServerEnv } from '@/lib/server/env';
import { errorResponse, parseJsonBody, responseForError } from '@/lib/server/route-response';
import { rejectCrossOrigin } from '@/lib/server/same-origin';
import { clearCredentials, saveCredentials } from '@/lib/server/session';
import { stockTrimClientFor } from '@/lib/server/stocktrim-for-session';
import type { StockTrimCredentials } from '@/lib/stocktrim/client';
import { StockTrimError } from '@/lib/stocktrim/stocktrim-error';

export const dynamic = 'force-dynamic';

const connectAttempts = createAttemptLimiter(10, 5 * 60_000);

export async function GET() {
  return NextResponse.json(await readConnectionStatus());
}

/** Checks the credentials with one cheap StockTrim read, then keeps them in the sealed cookie. */
export async function POST(request: Request) {
  const refused = rejectCrossOrigin(request);
  if (refused) return refused;
  const body = await parseJsonBody(request, connectRequestSchema, 4 * 1024);
  if (!body.ok) return body.response;
  const env = getServerEnv();
  let credentials: StockTrimCredentials;
  if ('sandboxDemo' in body.data) {
    if (!env.usingSandbox) return errorResponse(400, 'The sandbox demo account is only available when the dashboard talks to the sandbox.');
    credentials = env.sandboxDemo;
  } else {
    credentials = body.data;
  }
  const attemptKey = connectAttemptKey(request, credentials.authId);
  const limited = connectAttempts.blocked(attemptKey);
  if (limited) {
    const response = errorResponse(
      429,
      `Too many wrong attempts for this api-auth-id. Wait ${limited.retryAfterSeconds} seconds, then copy both values again from StockTrim's Help section.`,
    );
    response.headers.set('retry-after', String(limited.retryAfterSeconds));
    return response;
  }
  try {
    await stockTrimClientFor(credentials).request('GET', '/ProcessingStatus', { idempotent: true });
  } catch (error) {
    if (error instanceof StockTrimError && error.kind === 'auth') {
      connectAttempts.recordFailure(attemptKey);
      return errorResponse(401, error.message);
    }
    return responseForError(error);
  }
  await saveCredentials(credentials);
  return NextResponse.json(await readConnectionStatus(credentials));
}

export async function DELETE(request: Request) {
  const refused = rejectCrossOrigin(request);
  if (refused) return refused;
  await clearCredentials();
  return NextResponse.json({ connected: false });
}
