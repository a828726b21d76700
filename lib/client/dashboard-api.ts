/**
 * The browser's calls to the dashboard's own routes. The browser never talks to StockTrim and
 * never holds the signature after the Connect form is sent.
 */
export class DashboardApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Readonly<Record<string, readonly string[]>> = {},
  ) {
    super(message);
    this.name = 'DashboardApiError';
  }
}

export async function callDashboard<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new DashboardApiError('The dashboard server did not answer. Check that it is running, then try again.', 0);
  }
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const body = (json ?? {}) as { error?: string; fieldErrors?: Record<string, string[]> };
    throw new DashboardApiError(body.error ?? `The dashboard answered ${res.status}.`, res.status, body.fieldErrors);
  }
  return json as T;
}
