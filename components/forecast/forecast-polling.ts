/**
 * How often the page asks StockTrim for the calculation's status. Fast while it runs; fast for
 * a short while after starting one, because production can still say "not processing" just
 * after RunForecastCalculations answered; slow otherwise, so a run started elsewhere (another
 * tab, StockTrim itself, a colleague) still shows up without a reload.
 */
import type { ForecastStatus } from '@/lib/forecast-types';

export const POLL_WHILE_RUNNING_MS = 750;
export const POLL_WHILE_IDLE_MS = 30_000;
/** How long after starting a run the page keeps polling fast before it has seen it running. */
export const START_GRACE_MS = 15_000;

export function forecastPollInterval(status: ForecastStatus | undefined, startedAt: number | null, now: number): number {
  if (status?.isProcessing) return POLL_WHILE_RUNNING_MS;
  if (startedAt !== null && now - startedAt < START_GRACE_MS) return POLL_WHILE_RUNNING_MS;
  return POLL_WHILE_IDLE_MS;
}

/** True when this status update is the end of a run the page saw running. */
export function runJustFinished(wasProcessing: boolean, status: ForecastStatus | undefined): boolean {
  return wasProcessing && status !== undefined && !status.isProcessing;
}

/** A coarse figure for screen readers: announcing every poll would drown everything else out. */
export function announcedPercent(percentageComplete: number): number {
  return Math.floor(Math.max(0, Math.min(100, percentageComplete)) / 25) * 25;
}
