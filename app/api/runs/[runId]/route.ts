import { NextResponse } from 'next/server';
import { runRoute } from '@/lib/server/runs/run-route';
import { summarizeRun } from '@/lib/server/runs/run-summary';

export const dynamic = 'force-dynamic';

/** The run's progress and counts; the page polls this. */
export const GET = runRoute(async (_request, { run }) => NextResponse.json({ run: summarizeRun(run) }));
