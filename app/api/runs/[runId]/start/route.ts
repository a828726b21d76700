import { NextResponse } from 'next/server';
import { parseJsonBody } from '@/lib/server/route-response';
import { startRunSchema } from '@/lib/server/runs/run-api-schemas';
import { runRoute } from '@/lib/server/runs/run-route';
import { summarizeRun } from '@/lib/server/runs/run-summary';

export const dynamic = 'force-dynamic';

/**
 * The upload is complete: from here the server owns the run. The session's credentials are
 * sealed into the run so it can carry on with no page open.
 */
export const POST = runRoute(async (request, { run, services, credentials }) => {
  const body = await parseJsonBody(request, startRunSchema, 1024);
  if (!body.ok) return body.response;
  const started = services.store.startRun(run.id, body.data.uploadedRows, services.box.seal(run.id, credentials));
  services.runner.wake();
  return NextResponse.json({ run: summarizeRun(started) });
});
