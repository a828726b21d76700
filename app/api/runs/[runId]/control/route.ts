import { NextResponse } from 'next/server';
import { parseJsonBody } from '@/lib/server/route-response';
import { controlRunSchema } from '@/lib/server/runs/run-api-schemas';
import { runRoute } from '@/lib/server/runs/run-route';
import { summarizeRun } from '@/lib/server/runs/run-summary';

export const dynamic = 'force-dynamic';

/**
 * Pause, resume or cancel. Resuming seals the session's credentials again, which is also how
 * a run waiting for credentials (after a restart with a new key) carries on.
 */
export const POST = runRoute(async (request, { run, services, credentials }) => {
  const body = await parseJsonBody(request, controlRunSchema, 1024);
  if (!body.ok) return body.response;
  const { action } = body.data;
  const next = action === 'resume' ? services.store.control(run.id, 'resume', services.box.seal(run.id, credentials)) : services.store.control(run.id, action);
  if (action === 'resume') services.runner.wake();
  return NextResponse.json({ run: summarizeRun(next) });
});
