/**
 * Decides, per API call, whether to answer with an injected 429 or 500 instead of doing the work.
 * Each call draws exactly two numbers, so a seeded run replays the same decisions for the same
 * sequence of calls.
 */
import type { Random } from './random';

export type FaultDecision = { readonly kind: 'none' } | { readonly kind: 'throttle' } | { readonly kind: 'fail' };

export interface FaultSettings {
  readonly failRate: number;
  readonly throttleRate: number;
}

export function createFaultDice(settings: FaultSettings, random: Random): () => FaultDecision {
  return () => {
    const throttleDraw = random();
    const failDraw = random();
    // Throttling wins when both hit: a rate limiter answers before the application runs.
    if (throttleDraw < settings.throttleRate) return { kind: 'throttle' };
    if (failDraw < settings.failRate) return { kind: 'fail' };
    return { kind: 'none' };
  };
}
