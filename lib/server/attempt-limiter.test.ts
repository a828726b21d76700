import { describe, expect, it } from 'vitest';
import { createAttemptLimiter } from './attempt-limiter';

describe('attempt limiter', () => {
  it('allows the limit of failures, then asks to wait, and forgets after the window', () => {
    const limiter = createAttemptLimiter(3, 60_000);
    for (const t of [0, 1000, 2000]) {
      expect(limiter.blocked('a', t)).toBeNull();
      limiter.recordFailure('a', t);
    }
    expect(limiter.blocked('a', 3000)).toEqual({ retryAfterSeconds: 57 });
    expect(limiter.blocked('b', 3000)).toBeNull();
    expect(limiter.blocked('a', 60_001)).toBeNull();
  });
});
