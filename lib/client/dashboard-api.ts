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

/**
 * `bodyJson`: a body already written as JSON, for callers that serialize as they go (the run
 * upload measures each row's size that way and would otherwise write every row twice).
 */
export async function callDashboard<T>(path: string, init: { method?: string; body?: unknown; bodyJson?: string; signal?: AbortSignal } = {}): Promise<T> {
  const bodyText = init.bodyJson ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: bodyText === undefined ? undefined : { 'content-type': 'application/json' },
      body: bodyText,
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
