/**
 * The StockTrim-compatible sandbox: a plain node:http server that answers like production
 * (see sandbox/README.md). This module wires the request pipeline together:
 *
 *   latency → /health → /api prefix → auth (401) → route (404/405) → body (413)
 *   → injected faults (429/500, before any state change) → JSON + contract (415/400) → handler
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createAuthenticator } from './auth';
import { createFaultDice } from './faults';
import { parseJsonBody } from './http/json-body';
import * as problems from './http/problems';
import { ProblemResponse } from './http/problems';
import { readBody } from './http/read-body';
import { createRouter } from './http/router';
import { resolveSandboxOptions, type SandboxAccount, type SandboxOptions } from './options';
import { seededRandom } from './random';
import { routeModules } from './routes';
import { queryParams } from './routes/query';
import type { Reply, RequestContext, RouteModule } from './routes/route';
import { AccountDirectory } from './store/account-state';

export { DEMO_ACCOUNT, defaultSandboxOptions, resolveSandboxOptions } from './options';
export type { SandboxAccount, SandboxOptions } from './options';

export interface RunningSandbox {
  /** Base URL including /api, e.g. http://127.0.0.1:4010/api */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly accounts: readonly SandboxAccount[];
  /** Stops accepting, lets requests in flight finish, then closes every connection. */
  close(): Promise<void>;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers };
  if ('json' in reply) {
    const text = JSON.stringify(reply.json);
    headers['content-type'] ??= JSON_TYPE;
    headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers);
    res.end(text);
  } else {
    headers['content-length'] = '0';
    res.writeHead(reply.status, headers);
    res.end();
  }
}

function sendProblem(res: ServerResponse, body: { status?: number | null }, headers: Record<string, string> = {}): void {
  send(res, { status: body.status ?? 500, json: body, headers: { 'content-type': PROBLEM_TYPE, ...headers } });
}

function parseUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://sandbox.invalid');
  } catch {
    return null;
  }
}

/**
 * The request handler on its own, for embedding in another server. `modules` defaults to every
 * resource the sandbox implements.
 */
export function createSandboxRequestHandler(
  options: Partial<SandboxOptions> = {},
  modules: readonly RouteModule[] = routeModules,
): RequestListener {
  const settings = resolveSandboxOptions(options);
  const authenticate = createAuthenticator(settings.accounts);
  const route = createRouter(modules.flatMap((m) => m.routes));
  const rollFault = createFaultDice(settings, seededRandom(settings.seed ?? Date.now()));
  const accounts = new AccountDirectory();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (settings.latencyMs > 0) await sleep(settings.latencyMs);
    const url = parseUrl(req.url);
    if (!url) return send(res, { status: 400, empty: true });
    // Not part of StockTrim: lets scripts and Playwright wait for the sandbox without credentials.
    if (url.pathname === '/health' && req.method === 'GET') return send(res, { status: 200, json: { status: 'ok' } });
    if (!/^\/api(\/|$)/i.test(url.pathname)) return send(res, { status: 404, empty: true });

    const auth = authenticate(req.headers);
    if (!auth.ok) {
      return sendProblem(res, auth.reason === 'missing' ? problems.missingAuthHeaders(auth.missing) : problems.invalidAuthHeaders());
    }

    const match = route(req.method ?? 'GET', url.pathname);
    if (match.kind === 'not-found') return send(res, { status: 404, empty: true });
    if (match.kind === 'method-not-allowed') {
      return send(res, { status: 405, empty: true, headers: { allow: match.allow.join(', ') } });
    }

    const body = await readBody(req, settings.bodyLimitBytes);
    if (body.kind === 'too-large') return sendProblem(res, problems.payloadTooLarge(settings.bodyLimitBytes));

    const fault = rollFault();
    if (fault.kind === 'throttle') {
      return sendProblem(res, problems.throttled(settings.retryAfterSeconds), {
        'retry-after': String(settings.retryAfterSeconds),
      });
    }
    if (fault.kind === 'fail') return sendProblem(res, problems.injectedFailure());

    const ctx: RequestContext = {
      account: accounts.get(auth.accountId),
      query: queryParams(url.searchParams),
      params: match.params,
      options: settings,
      now: () => Date.now(),
    };
    const input = match.endpoint.body
      ? parseJsonBody(match.endpoint.body, body.bytes, req.headers['content-type'])
      : undefined;
    send(res, await match.endpoint.handle(ctx, input));
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ProblemResponse) return sendProblem(res, error.body, { ...error.headers });
      if (req.destroyed || res.destroyed) return; // the client went away mid-request
      console.error('[sandbox] unexpected error', error);
      sendProblem(res, problems.internalError());
    });
  };
}

/** Starts the sandbox; `port: 0` picks a free port (read it from the result). */
export async function startSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const settings = resolveSandboxOptions(options);
  const server: Server = createServer(createSandboxRequestHandler(settings));
  // Longer than clients keep idle sockets, so the server never closes one a client is reusing.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const { port } = server.address() as AddressInfo;
  const hostInUrl = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${hostInUrl}:${port}/api`,
    host: settings.host,
    port,
    accounts: settings.accounts,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => server.closeAllConnections(), 2000);
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
