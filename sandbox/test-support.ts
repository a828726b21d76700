/**
 * Helpers for the sandbox's own tests: a real sandbox on a free port and a tiny fetch wrapper
 * that sends the auth headers. Not a mock; every call goes over HTTP.
 */
import { DEMO_ACCOUNT, startSandbox, type RunningSandbox, type SandboxAccount, type SandboxOptions } from './server';

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, or undefined when it was empty. */
  readonly body: unknown;
}

export interface ApiCallOptions {
  readonly body?: unknown;
  /** Sent as-is instead of JSON.stringify(body). */
  readonly rawBody?: string | Uint8Array<ArrayBuffer>;
  readonly headers?: Record<string, string>;
  /** Which account to authenticate as; null sends no auth headers. */
  readonly account?: SandboxAccount | null;
}

export type Api = (method: string, path: string, options?: ApiCallOptions) => Promise<ApiAnswer>;

export function apiFor(baseUrl: string, defaultAccount: SandboxAccount = DEMO_ACCOUNT): Api {
  return async (method, path, options = {}) => {
    const account = options.account === undefined ? defaultAccount : options.account;
    const headers: Record<string, string> = {};
    if (account) {
      headers['api-auth-id'] = account.id;
      headers['api-auth-signature'] = account.signature;
    }
    let body: string | Uint8Array<ArrayBuffer> | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers: { ...headers, ...options.headers }, body });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

/** Test defaults: random port, no artificial slowness. */
export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<{ sandbox: RunningSandbox; api: Api }> {
  const sandbox = await startSandbox({ port: 0, productDeleteDelayMs: 0, forecastDurationMs: 0, ...options });
  return { sandbox, api: apiFor(sandbox.url) };
}

/** Polls until `check` passes or the time is up (then returns the last value for assertions). */
export async function waitFor<T>(probe: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}
