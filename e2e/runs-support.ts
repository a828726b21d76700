/**
 * Servers of the import-run specs, on their own ports (3370 / 4370) so they can be slowed down
 * and killed without touching the shared e2e servers: a sandbox wrapped to count requests and
 * to switch its latency at will, and a dashboard started from the built .next.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { type SandboxOptions, createSandboxRequestHandler } from '../sandbox/server';
import { mapWithConcurrency } from '../lib/map-with-concurrency';
import type { E2eAccount } from './e2e-settings';

export const RUNS_DASHBOARD_PORT = 3370;
export const RUNS_SANDBOX_PORT = 4370;
export const RUNS_DASHBOARD_URL = `http://127.0.0.1:${RUNS_DASHBOARD_PORT}`;
export const RUNS_SANDBOX_URL = `http://127.0.0.1:${RUNS_SANDBOX_PORT}/api`;
export const RUNS_SESSION_SECRET = 'runs-e2e-session-secret-0123456789abcdef';

export const runsAccounts = {
  owner: { authId: 'runs-owner', signature: 'runs-owner-signature' },
  other: { authId: 'runs-other', signature: 'runs-other-signature' },
} as const satisfies Record<string, E2eAccount>;

export interface RunsSandbox {
  latencyMs: number;
  /** Requests seen, by "METHOD /path" (lower-cased path, no query). */
  count(key: string): number;
  close(): Promise<void>;
}

export async function startRunsSandbox(options: Partial<SandboxOptions> = {}): Promise<RunsSandbox> {
  const handler = createSandboxRequestHandler({
    accounts: Object.values(runsAccounts).map((a) => ({ id: a.authId, signature: a.signature })),
    productDeleteDelayMs: 0,
    forecastDurationMs: 500,
    ...options,
  });
  const counts = new Map<string, number>();
  const sandbox: RunsSandbox = {
    latencyMs: 0,
    count: (key) => counts.get(key) ?? 0,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const key = `${req.method} ${(req.url ?? '').split('?')[0]?.toLowerCase()}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const delay = sandbox.latencyMs;
    if (delay > 0) setTimeout(() => handler(req, res), delay);
    else handler(req, res);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(RUNS_SANDBOX_PORT, '127.0.0.1', () => resolve());
  });
  return sandbox;
}

export interface RunsDashboard {
  readonly dataDir: string;
  readonly output: () => string;
  /** SIGKILL: no shutdown of any kind, as when the machine dies. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A server of someone else on the port would answer in ours' place; refuse to start instead. */
async function requireFreePort(port: number): Promise<void> {
  const taken = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`Port ${port} is already in use; the import-run specs need it free.`);
}

/**
 * `next start` on the built .next, in a process group of its own so everything it starts dies
 * with it. `env` values replace the defaults; `undefined` leaves a setting out (SESSION_SECRET,
 * for a random key).
 */
export async function startRunsDashboard(dataDir = mkdtempSync(path.join(tmpdir(), 'stocktrim-runs-e2e-')), env: Record<string, string | undefined> = {}): Promise<RunsDashboard> {
  await requireFreePort(RUNS_DASHBOARD_PORT);
  const settings: NodeJS.ProcessEnv = { ...process.env, STOCKTRIM_BASE_URL: RUNS_SANDBOX_URL, SESSION_SECRET: RUNS_SESSION_SECRET, DATA_DIR: dataDir, ...env };
  for (const [key, value] of Object.entries(settings)) if (value === undefined) delete settings[key];
  const child = spawn(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(RUNS_DASHBOARD_PORT)], {
    env: settings,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, name);
    await exited(child);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The dashboard stopped while starting:\n${output}`);
    try {
      const res = await fetch(`${RUNS_DASHBOARD_URL}/api/session`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await signal('SIGKILL');
      throw new Error(`The dashboard did not start within 60 s:\n${output}`);
    }
    await sleep(200);
  }
  return { dataDir, output: () => output, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

function headers(account: E2eAccount): Record<string, string> {
  return { 'api-auth-id': account.authId, 'api-auth-signature': account.signature, 'content-type': 'application/json' };
}

/** Asks the sandbox until it answers something other than 429/5xx (the fault specs turn those on). */
async function patientFetch(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, init);
    if ((res.status !== 429 && res.status < 500) || attempt >= 30) return res;
    await res.arrayBuffer();
    await sleep(20);
  }
}

export async function seedRunsProducts(account: E2eAccount, productIds: readonly string[]): Promise<void> {
  await mapWithConcurrency(productIds, 16, async (productId) => {
    const res = await patientFetch(`${RUNS_SANDBOX_URL}/Products`, { method: 'POST', headers: headers(account), body: JSON.stringify({ productId }) });
    if (res.status !== 200 && res.status !== 201) throw new Error(`Seeding ${productId} failed: ${res.status} ${await res.text()}`);
  });
}

/** Per product: how many lines the sandbox really holds and their total quantity. */
export async function salesHeldBy(account: E2eAccount, productIds: readonly string[]): Promise<Map<string, { count: number; quantity: number }>> {
  const held = new Map<string, { count: number; quantity: number }>();
  await mapWithConcurrency(productIds, 16, async (productId) => {
    const res = await patientFetch(`${RUNS_SANDBOX_URL}/SalesOrders?productId=${encodeURIComponent(productId)}`, { headers: headers(account) });
    const lines = res.status === 404 ? [] : ((await res.json()) as { quantity: number }[]);
    held.set(productId, { count: lines.length, quantity: lines.reduce((s, l) => s + l.quantity, 0) });
  });
  return held;
}

/** A run's state as the database holds it, read beside the dashboard. */
export function runStateInDatabase(dataDir: string, runId: string): { state: string; message: string | null } | null {
  const db = new Database(path.join(dataDir, 'runs.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT state, message FROM runs WHERE id = ?').get(runId) as { state: string; message: string | null } | undefined) ?? null;
  } finally {
    db.close();
  }
}

/** What the run database holds right now (read beside the dashboard, or after it died). */
export function rowsInDatabase(dataDir: string): { byStatus: Record<string, number>; onTheirWay: number } {
  const db = new Database(path.join(dataDir, 'runs.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const byStatus: Record<string, number> = {};
    for (const r of db.prepare('SELECT status, COUNT(*) AS n FROM run_rows GROUP BY status').all() as { status: string; n: number }[]) byStatus[r.status] = r.n;
    const onTheirWay = (db.prepare('SELECT COUNT(*) AS n FROM run_rows WHERE claimed = 1').get() as { n: number }).n;
    return { byStatus, onTheirWay };
  } finally {
    db.close();
  }
}
