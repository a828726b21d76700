import { describe, expect, it } from 'vitest';
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy';

const policy = { maxRetries: 4, baseDelayMs: 100, maxDelayMs: 2000 };

describe('retry policy', () => {
  it('retries throttling and server errors, never client errors', () => {
    for (const s of [429, 500, 502, 503, 504]) expect(isRetryableStatus(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 413, 501]) expect(isRetryableStatus(s)).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfterMs('3')).toBe(3000);
    expect(parseRetryAfterMs('0.5')).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterMs('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfterMs('soon')).toBeNull();
    expect(parseRetryAfterMs(undefined)).toBeNull();
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(retryDelayMs(policy, 0, null, () => 1)).toBe(100);
    expect(retryDelayMs(policy, 3, null, () => 1)).toBe(800);
    expect(retryDelayMs(policy, 10, null, () => 1)).toBe(2000);
    expect(retryDelayMs(policy, 3, null, () => 0.5)).toBe(400);
    expect(retryDelayMs(policy, 3, null, () => 0)).toBe(0);
  });

  it('waits at least as long as the server asks', () => {
    expect(retryDelayMs(policy, 0, 5000, () => 0)).toBe(5000);
    expect(retryDelayMs(policy, 0, 10 * 60_000, () => 0)).toBe(60_000);
  });
});
