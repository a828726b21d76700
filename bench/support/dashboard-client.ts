/**
 * Talks to the dashboard the way its pages do. The page's push code (lib/client/push-runner.ts)
 * calls fetch with relative paths and relies on the browser for the session cookie and the
 * Origin header; here a fetch wrapper supplies both, so the bench runs that exact code.
 */
import type { StockTrimCredentials } from '@/lib/stocktrim/client';

export async function connectDashboard(baseUrl: string, credentials: StockTrimCredentials): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify(credentials),
  });
  if (res.status !== 200) throw new Error(`Connecting the dashboard failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error('The dashboard set no session cookie.');
  return cookie;
}

/** Runs `work` with fetch resolving relative URLs against the dashboard and carrying the session. */
export async function withDashboardFetch<T>(baseUrl: string, cookie: string, work: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' || input instanceof URL ? new URL(String(input), baseUrl) : new URL(input.url, baseUrl);
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    // What Chromium adds to a same-origin POST from the page.
    headers.set('origin', baseUrl);
    headers.set('sec-fetch-site', 'same-origin');
    return original(url, { ...init, headers });
  }) as typeof fetch;
  try {
    return await work();
  } finally {
    globalThis.fetch = original;
  }
}
