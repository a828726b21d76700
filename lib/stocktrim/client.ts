/**
 * The one way the dashboard talks to StockTrim: a keep-alive connection pool per base URL,
 * both auth headers on every call, time-outs, and bounded retries. No Next.js imports, so the
 * sandbox tests, benchmarks and scripts use exactly the same client.
 */
import { setMaxListeners } from 'node:events';
import { Pool, errors as undiciErrors } from 'undici';
import { StockTrimError, errorFromResponse } from './stocktrim-error';
import { type RetryPolicy, defaultRetryPolicy, isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy';

export interface StockTrimCredentials {
  readonly authId: string;
  readonly signature: string;
}

export interface StockTrimClientOptions {
  /** e.g. https://api.stocktrim.com/api — fixed by server configuration, never by a request. */
  readonly baseUrl: string;
  readonly credentials: StockTrimCredentials;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly connections?: number;
  /** Called before each retry, for counting and logging (never with the credentials). */
  readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string; path: string }) => void;
  readonly signal?: AbortSignal;
}

export interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  /**
   * Whether sending the request twice is harmless. Calls that always create (POST /SalesOrders)
   * are only retried when StockTrim certainly did not act: 429, or a connection refused.
   */
  readonly idempotent?: boolean;
  readonly signal?: AbortSignal;
}

export interface StockTrimResponse<T> {
  readonly status: number;
  readonly data: T;
  readonly attempts: number;
}

const pools = new Map<string, Pool>();

function poolFor(origin: string, connections: number): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000 });
    pools.set(origin, pool);
  }
  return pool;
}

/** Closes every pooled connection (tests and scripts call this before exiting). */
export async function closeStockTrimPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function networkErrorCode(error: unknown): string {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code ?? 'UNKNOWN';
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface StockTrimClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<StockTrimResponse<T>>;
  /** HTTP requests this client has sent, retries included. */
  requestCount(): number;
  readonly baseUrl: string;
}

export function createStockTrimClient(options: StockTrimClientOptions): StockTrimClient {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pool = poolFor(base.origin, options.connections ?? 32);
  // One signal (the page's request) is shared by every call of a batch, each adding a listener.
  if (options.signal) setMaxListeners(1000, options.signal);
  let sent = 0;
  const headers = {
    'api-auth-id': options.credentials.authId,
    'api-auth-signature': options.credentials.signature,
    accept: 'application/json',
  };

  function buildPath(path: string, query: RequestOptions['query']): string {
    // Each segment and query value is encoded, so a product code such as "../x?y=1" stays a code.
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value));
    const qs = search.toString();
    return `${basePath}${path}${qs ? `?${qs}` : ''}`;
  }

  async function request<T>(method: string, path: string, req: RequestOptions = {}): Promise<StockTrimResponse<T>> {
    if (!/^\/[A-Za-z0-9/]+$/.test(path)) throw new Error(`Invalid StockTrim path ${path}`);
    const fullPath = buildPath(path, req.query);
    const idempotent = req.idempotent ?? method !== 'POST';
    const bodyText = req.body === undefined ? undefined : JSON.stringify(req.body);
    const signal = req.signal ?? options.signal;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      sent += 1;
      let retryReason: string;
      let retryAfterMs: number | null = null;
      try {
        const res = await pool.request({
          origin: base.origin,
          path: fullPath,
          method: method as 'GET',
          headers: bodyText === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          body: bodyText,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          signal,
        });
        const text = await res.body.text();
        if (res.statusCode >= 200 && res.statusCode < 300) {
          const data = (text ? JSON.parse(text) : null) as T;
          return { status: res.statusCode, data, attempts: attempt };
        }
        const retryable = isRetryableStatus(res.statusCode) && (idempotent || res.statusCode === 429);
        if (!retryable || attempt > policy.maxRetries) throw errorFromResponse(res.statusCode, text, attempt);
        const header = res.headers['retry-after'];
        retryAfterMs = parseRetryAfterMs(Array.isArray(header) ? header[0] : header);
        retryReason = `HTTP ${res.statusCode}`;
      } catch (error) {
        if (error instanceof StockTrimError) throw error;
        if (signal?.aborted) throw error;
        const timedOut = error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError;
        const code = networkErrorCode(error);
        const certainlyNotSent = NOT_SENT_CODES.has(code);
        if (attempt > policy.maxRetries || !(idempotent || certainlyNotSent)) {
          throw new StockTrimError({
            kind: timedOut ? 'timeout' : 'network',
            status: null,
            attempts: attempt,
            message: timedOut
              ? `StockTrim did not answer within ${Math.round(timeoutMs / 1000)} s (${attempt} attempts).`
              : `Could not reach StockTrim at ${base.origin} (${code}) after ${attempt} attempts.`,
          });
        }
        retryReason = timedOut ? 'timeout' : code;
      }
      const delayMs = retryDelayMs(policy, attempt - 1, retryAfterMs);
      options.onRetry?.({ attempt, delayMs, reason: retryReason, path });
      await sleep(delayMs, signal);
    }
  }

  return { request, requestCount: () => sent, baseUrl: options.baseUrl };
}
