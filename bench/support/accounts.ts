/**
 * Sandbox accounts of the bench, one per bench, so no bench sees another's sales lines. They
 * exist only in the bench's own sandbox process.
 */
import type { SandboxAccount } from '@/sandbox/server';
import type { StockTrimCredentials } from '@/lib/stocktrim/client';

export const benchAccounts = {
  push: { authId: 'bench-push', signature: 'bench-push-signature' },
  memory: { authId: 'bench-memory', signature: 'bench-memory-signature' },
  browser: { authId: 'bench-browser', signature: 'bench-browser-signature' },
} as const satisfies Record<string, StockTrimCredentials>;

export const benchSandboxAccounts: readonly SandboxAccount[] = Object.values(benchAccounts).map((a) => ({ id: a.authId, signature: a.signature }));

/** Latency the issue asks the sandbox to add to every request. */
export const SANDBOX_LATENCY_MS = 20;

/** STOCKTRIM_CONCURRENCY the bench starts the dashboard with (its documented default). */
export const SERVER_CONCURRENCY = 6;
