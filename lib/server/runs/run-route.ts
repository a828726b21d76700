import 'server-only';
import { connectedRoute } from '@/lib/server/route-guard';
import { errorResponse } from '@/lib/server/route-response';
import type { StockTrimCredentials } from '@/lib/stocktrim/client';
import { runIdSchema } from './run-api-schemas';
import { type RunServices, getRunServices } from './run-services';
import { type RunRecord, type RunStoreErrorCode, isRunStoreError } from './run-store';

export interface RunRouteContext {
  readonly run: RunRecord;
  readonly services: RunServices;
  readonly credentials: StockTrimCredentials;
}

type Params = { params: Promise<{ runId: string }> };

const statusFor: Record<RunStoreErrorCode, number> = { 'not-found': 404, conflict: 409, incomplete: 409 };

/** Answers a store refusal with its message; anything else goes on to the generic handler. */
export function runStoreErrorResponse(error: unknown): Response {
  if (isRunStoreError(error)) return errorResponse(statusFor[error.code], error.message);
  throw error;
}

/**
 * Every /api/runs/[runId] handler: connected (cross-site writes refused), the run must exist,
 * and it must belong to the session's StockTrim account — another account gets 403 and
 * learns nothing about it.
 */
export function runRoute(handler: (request: Request, context: RunRouteContext) => Promise<Response>) {
  return connectedRoute<Params>(async (request, { params, credentials }) => {
    const { runId } = await params;
    if (!runIdSchema.safeParse(runId).success) return errorResponse(404, `"${runId.slice(0, 60)}" is not an import run id. Open the run from History.`);
    const services = getRunServices();
    const run = services.store.getRun(runId);
    if (!run) return errorResponse(404, 'There is no such import run here. Open History to see the runs of this account.');
    if (run.accountId !== credentials.authId) {
      return errorResponse(403, 'This import run belongs to another StockTrim account. Connect with that account to see or control it.');
    }
    try {
      return await handler(request, { run, services, credentials });
    } catch (error) {
      return runStoreErrorResponse(error);
    }
  });
}
