/**
 * One account's forecast calculation over time. The plan is computed from a snapshot when the
 * run starts but only published once the configured duration has passed, as in production
 * where nothing shows until the calculation has finished. State advances lazily from the
 * clock on every read, so there are no timers to leak.
 */
import type { ProcessingStatusResponse } from '../lib/stocktrim/contract';
import type { PlanEntry } from './order-plan';
import { defineSlice } from './store/account-state';

interface Run {
  readonly id: number;
  readonly startedAt: number;
  readonly endsAt: number;
  readonly plan: readonly PlanEntry[];
}

const productCount = (n: number) => `${n} product${n === 1 ? '' : 's'}`;

export class ForecastRunner {
  private running: Run | null = null;
  private finished: Run | null = null;
  private runCount = 0;

  private settle(now: number): void {
    if (this.running && now >= this.running.endsAt) {
      this.finished = this.running;
      this.running = null;
    }
  }

  isRunning(now: number): boolean {
    this.settle(now);
    return this.running !== null;
  }

  /** Starts a run unless one is in progress; `plan` is the snapshot's results. */
  start(now: number, durationMs: number, plan: readonly PlanEntry[]): boolean {
    if (this.isRunning(now)) return false;
    this.runCount += 1;
    this.running = { id: this.runCount, startedAt: now, endsAt: now + durationMs, plan };
    this.settle(now);
    return true;
  }

  status(now: number): ProcessingStatusResponse {
    this.settle(now);
    const run = this.running;
    if (run) {
      const span = Math.max(1, run.endsAt - run.startedAt);
      const percentageComplete = Math.min(99, Math.max(0, Math.floor(((now - run.startedAt) / span) * 100)));
      const total = run.plan.length;
      const done = Math.floor((total * percentageComplete) / 100);
      return {
        id: run.id,
        isProcessing: true,
        percentageComplete,
        statusMessage: `Calculating forecasts: ${done} of ${productCount(total)}.`,
      };
    }
    if (this.finished) {
      return {
        id: this.finished.id,
        isProcessing: false,
        percentageComplete: 100,
        statusMessage: `Forecast calculations complete for ${productCount(this.finished.plan.length)}.`,
      };
    }
    return { id: 0, isProcessing: false, percentageComplete: 0, statusMessage: 'No forecast calculation has been run yet.' };
  }

  /** The last finished plan; empty before any run has finished (a newer run keeps it visible). */
  plan(now: number): readonly PlanEntry[] {
    this.settle(now);
    return this.finished?.plan ?? [];
  }
}

export const forecastSlice = defineSlice('forecast', () => new ForecastRunner());
