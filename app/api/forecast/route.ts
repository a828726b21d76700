import { NextResponse } from 'next/server';
import type { ForecastStatus } from '@/lib/forecast-types';
import { connectedRoute } from '@/lib/server/route-guard';
import { stockTrimClientFor } from '@/lib/server/stocktrim-for-session';

export const dynamic = 'force-dynamic';

interface ProcessingStatusDto {
  isProcessing?: boolean;
  percentageComplete?: number;
  statusMessage?: string | null;
}

function toStatus(dto: ProcessingStatusDto | null): ForecastStatus {
  return {
    isProcessing: dto?.isProcessing === true,
    percentageComplete: Math.max(0, Math.min(100, Math.round(dto?.percentageComplete ?? 0))),
    statusMessage: dto?.statusMessage ?? null,
  };
}

/** Read from StockTrim every time, so the status is right after a reload or a run started elsewhere. */
export const GET = connectedRoute(async (_request, { credentials }) => {
  const res = await stockTrimClientFor(credentials).request<ProcessingStatusDto>('GET', '/ProcessingStatus');
  return NextResponse.json(toStatus(res.data));
});

/**
 * Starts a calculation unless one is already running (started elsewhere, or by an earlier
 * click whose answer was lost): then the running one's status is the answer. The start itself
 * is not retried on a server error, since StockTrim may have started it anyway.
 */
export const POST = connectedRoute(async (_request, { credentials }) => {
  const client = stockTrimClientFor(credentials);
  const before = await client.request<ProcessingStatusDto>('GET', '/ProcessingStatus');
  if (before.data?.isProcessing) return NextResponse.json(toStatus(before.data), { status: 200 });
  await client.request('POST', '/RunForecastCalculations', { idempotent: false });
  const res = await client.request<ProcessingStatusDto>('GET', '/ProcessingStatus');
  return NextResponse.json(toStatus(res.data), { status: 202 });
});
