import 'server-only';

/**
 * Counts failed attempts per key in a sliding window. The credential check is a password
 * oracle, so guesses are limited; in memory is enough for one dashboard process (several
 * instances behind a load balancer would need a shared store).
 */
export interface AttemptLimiter {
  /** How long to wait when the key is over the limit, else null. */
  blocked(key: string, now?: number): { retryAfterSeconds: number } | null;
  recordFailure(key: string, now?: number): void;
}

export function createAttemptLimiter(limit: number, windowMs: number): AttemptLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => now - t < windowMs);
  return {
    blocked(key, now = Date.now()) {
      const times = recent(key, now);
      if (times.length < limit) return null;
      return { retryAfterSeconds: Math.max(1, Math.ceil((windowMs - (now - (times[0] as number))) / 1000)) };
    },
    recordFailure(key, now = Date.now()) {
      const times = recent(key, now);
      times.push(now);
      failures.set(key, times);
      if (failures.size > 10_000) for (const k of [...failures.keys()]) if (recent(k, now).length === 0) failures.delete(k);
    },
  };
}

/** Who is guessing which account: the client address (as Next's server forwards it) and the id. */
export function connectAttemptKey(request: Request, authId: string): string {
  const client = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() || request.headers.get('x-real-ip') || 'unknown';
  return `${client}\u001f${authId}`;
}
