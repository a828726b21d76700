/**
 * The built dashboard for the benches that need it: `next build`, then `next start` on a port
 * of its own pointed at the bench's sandbox, and its resident memory read from /proc. The
 * .next folder and the e2e ports are shared with other people's runs, so run.ts only calls
 * this while holding /tmp/stocktrim-e2e.lock, and never on 3000/3100.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { repoRoot, scratchDir } from './paths';

const NEXT_BIN = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next');

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function runToEnd(args: readonly string[], log: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = openSync(log, 'w');
    const child = spawn(process.execPath, [NEXT_BIN, ...args], { cwd: repoRoot, env, stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('exit', (code) => {
      closeSync(fd);
      if (code === 0) resolve();
      else reject(new Error(`next ${args.join(' ')} failed (${code}); last lines of ${log}:\n${tail(log)}`));
    });
  });
}

/** `next build` of the working tree as it is now (so the bench measures the current lib/import). */
export async function buildDashboard(): Promise<{ ms: number; log: string }> {
  const log = path.join(scratchDir('logs'), 'next-build.log');
  const t0 = performance.now();
  await runToEnd(['build'], log, { ...process.env, NEXT_TELEMETRY_DISABLED: '1' });
  return { ms: performance.now() - t0, log };
}

export interface RunningDashboard {
  readonly url: string;
  readonly pid: number;
  /** The server's stdout and stderr. */
  readonly log: string;
  /** Date.now() when the server process was started (its --trace-gc times count from about then). */
  readonly startedAt: number;
  /** Resident memory of the server process and any children it started, in bytes. */
  rssBytes(): number;
  /** CPU time (user + system) the server process has used so far, in ms. */
  cpuMs(): number;
  stop(): Promise<void>;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) for (const c of text.split(/\s+/)) out.push(Number(c));
    }
  } catch {
    // The process ended between listing and reading; it holds no memory any more.
  }
  return out;
}

export function processTreeRssBytes(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      continue;
    }
    stack.push(...childrenOf(p));
  }
  return total;
}

/** Ports other people's runs use (demo, e2e); the bench never takes them. */
const RESERVED_PORTS = new Set([3000, 3100, 4010, 4011]);

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** The first free port from `from` on: someone else's server on it would answer our requests. */
async function freePortFrom(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    if (!RESERVED_PORTS.has(port) && (await portIsFree(port))) return port;
  }
  throw new Error(`no free port in ${from}–${from + 99}`);
}

/** utime + stime of one process from /proc/<pid>/stat, in ms (clock ticks are 1/100 s on Linux). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export async function startDashboard(options: {
  readonly port: number;
  readonly sandboxUrl: string;
  readonly concurrency: number;
  /** Extra Node flags for the server process (e.g. --trace-gc, --cpu-prof). */
  readonly nodeFlags?: readonly string[];
}): Promise<RunningDashboard> {
  const port = await freePortFrom(options.port);
  const url = `http://127.0.0.1:${port}`;
  const log = path.join(scratchDir('logs'), `next-start-${port}.log`);
  const fd = openSync(log, 'w');
  // The dashboard keeps files of its own (DATA_DIR); a fresh folder per start keeps the bench
  // away from everyone else's ./data and from what an earlier run left.
  const dataDir = scratchDir('dashboard-data', String(port));
  rmSync(dataDir, { recursive: true, force: true });
  const startedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, [...(options.nodeFlags ?? []), NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      STOCKTRIM_BASE_URL: options.sandboxUrl,
      SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef',
      STOCKTRIM_CONCURRENCY: String(options.concurrency),
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exited: string | null = null;
  // If the bench dies, the server it started must not keep the port (and .next) busy.
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  child.on('exit', (code, signal) => {
    exited = `${signal ?? code}`;
    process.off('exit', killOnExit);
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== null) throw new Error(`next start exited (${exited}); last lines of ${log}:\n${tail(log)}`);
    try {
      const res = await fetch(`${url}/api/session`);
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`next start did not answer on ${url} within 90 s; last lines of ${log}:\n${tail(log)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // If another server took the port first, ours exits with EADDRINUSE right after: make sure
  // the one answering is still the one we started.
  await new Promise((r) => setTimeout(r, 500));
  if (exited !== null) throw new Error(`next start exited (${exited}) although ${url} answers (another server on the port?); see ${log}`);
  return {
    url,
    pid: child.pid!,
    log,
    startedAt,
    rssBytes: () => processTreeRssBytes(child.pid!),
    cpuMs: () => processCpuMs(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
