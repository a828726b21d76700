/**
 * `npm run bench` / `npm run bench:short`: every import benchmark in one run, then one summary
 * table with each figure, its target and whether it was met, and the correctness checks.
 *
 *   --short           small inputs, direct push only, no Chromium and no built dashboard; nothing
 *                     is judged against targets. Exits non-zero only if something is broken.
 *   --profile         also CPU-profile one extra run of each parse kind (node --cpu-prof) and one
 *                     extra drop in Chromium (the import worker), and print where the time goes.
 *   --no-build        reuse the existing .next instead of building the working tree first.
 *   --fail-on-target  exit non-zero when a target is missed (not only when a check fails).
 *
 * The steps that need the built dashboard (build, next start, Chromium, the dashboard pushes)
 * run in a child process under `flock /tmp/stocktrim-e2e.lock`, the lock the e2e tests share,
 * on ports of their own (dashboard on the first free port from 3200, sandbox on any free port).
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { closeStockTrimPools } from '@/lib/stocktrim/client';
import { runBrowserBench } from './browser-bench';
import { MEMORY_BENCH_SERVER_FLAGS, runMemoryBench } from './memory-bench';
import { runParseBench, type ParseInputResult } from './parse-bench';
import { runPushBench } from './push-bench';
import { benchSandboxAccounts, SANDBOX_LATENCY_MS, SERVER_CONCURRENCY } from './support/accounts';
import { buildDashboard, startDashboard, type RunningDashboard } from './support/dashboard-server';
import { benchModule, repoRoot, scratchDir } from './support/paths';
import { type BenchSection, check, formatSections, newSection } from './support/report';
import { startSandboxProcess, type SandboxProcess } from './support/sandbox-process';
import { fmtMs } from './support/stats';

const E2E_LOCK = '/tmp/stocktrim-e2e.lock';
const DASHBOARD_PORT = 3200;
const MEMORY_PUSH_LINES = 500_000;

interface DashboardPartInput {
  readonly browserInput: ParseInputResult | null;
  readonly build: boolean;
  readonly profile: boolean;
  /** Runs only these of browser/push/memory (for working on one bench); all when absent. */
  readonly only?: readonly string[];
}

interface DashboardPartOutput {
  readonly sections: BenchSection[];
  readonly profiles: string[];
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs one bench; a crash becomes a failed check in its own section instead of ending the run. */
async function guarded(title: string, work: () => Promise<BenchSection>): Promise<BenchSection> {
  log(`${title}…`);
  const t0 = performance.now();
  try {
    const section = await work();
    log(`${title}: done in ${fmtMs(performance.now() - t0)}`);
    return section;
  } catch (error) {
    const section = newSection(title);
    check(section, 'ran to the end', false, error instanceof Error ? (error.stack ?? error.message) : String(error));
    return section;
  }
}

/** The part that needs the built dashboard; run.ts starts it under the e2e lock. */
async function dashboardPart(input: DashboardPartInput): Promise<DashboardPartOutput> {
  const sections: BenchSection[] = [];
  const profiles: string[] = [];
  const setup = newSection('Built dashboard');
  sections.push(setup);
  let sandbox: SandboxProcess | null = null;
  let dashboard: RunningDashboard | null = null;
  try {
    if (input.build) {
      log('next build of the working tree (under the e2e lock)…');
      const built = await buildDashboard();
      setup.notes.push(`next build took ${fmtMs(built.ms)} (log: ${built.log}).`);
    } else setup.notes.push('--no-build: measured the existing .next build.');
    sandbox = await startSandboxProcess({ latencyMs: SANDBOX_LATENCY_MS, accounts: benchSandboxAccounts });
    const sb = sandbox;
    const wanted = (name: string) => input.only === undefined || input.only.includes(name);
    dashboard = await startDashboard({ port: DASHBOARD_PORT, sandboxUrl: sb.url, concurrency: SERVER_CONCURRENCY });
    setup.notes.push(`dashboard ${dashboard.url} (STOCKTRIM_CONCURRENCY=${SERVER_CONCURRENCY}), sandbox ${sb.url} with ${SANDBOX_LATENCY_MS} ms latency.`);
    const db = dashboard;
    const browserInput = input.browserInput;
    if (browserInput && wanted('browser')) {
      sections.push(
        await guarded('browser bench', async () => {
          const result = await runBrowserBench({
            dashboardUrl: db.url,
            sandboxUrl: sb.url,
            file: browserInput.file,
            fileLabel: browserInput.label,
            expected: { total: browserInput.rows, valid: browserInput.validation!.valid, errors: browserInput.validation!.withErrors, lastRowNumber: browserInput.lastRowNumber },
            plainParseMs: browserInput.plainMs,
            judge: true,
            profile: input.profile,
          });
          if (result.profile) profiles.push(result.profile);
          return result.section;
        }),
      );
    } else if (!browserInput) setup.notes.push('No input for the browser bench (the parse bench produced none).');
    if (wanted('push')) sections.push(await guarded('push bench', () => runPushBench({ short: false, sandbox: sb, dashboard: db, concurrency: SERVER_CONCURRENCY })));
    await dashboard.stop();
    dashboard = null;
    if (wanted('memory')) {
      // A fresh server of its own, with --trace-gc (its GC lines must not slow the timed push).
      const mem = await startDashboard({ port: DASHBOARD_PORT, sandboxUrl: sb.url, concurrency: SERVER_CONCURRENCY, nodeFlags: MEMORY_BENCH_SERVER_FLAGS });
      dashboard = mem;
      sections.push(await guarded('memory bench', () => runMemoryBench({ sandbox: sb, dashboard: mem, lines: MEMORY_PUSH_LINES, judge: true })));
    }
  } catch (error) {
    check(setup, 'dashboard built and started', false, error instanceof Error ? error.message : String(error));
  } finally {
    await dashboard?.stop();
    await sandbox?.close();
    await closeStockTrimPools();
  }
  return { sections, profiles };
}

/** Starts this file again as the dashboard part, holding the e2e lock while it runs. */
function runLockedDashboardPart(input: DashboardPartInput): Promise<DashboardPartOutput> {
  const dir = scratchDir('runs');
  const inFile = path.join(dir, `dashboard-in-${process.pid}.json`);
  const outFile = path.join(dir, `dashboard-out-${process.pid}.json`);
  writeFileSync(inFile, JSON.stringify(input));
  log(`taking ${E2E_LOCK} for the steps that need the built dashboard (waits while another e2e run holds it)…`);
  return new Promise((resolve, reject) => {
    const child = spawn('flock', [E2E_LOCK, process.execPath, '--import', 'tsx', benchModule('run.ts'), '--dashboard-part', inFile, outFile], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', (error) => reject(new Error(`could not run flock: ${error.message}`)));
    child.on('exit', (code, signal) => {
      try {
        resolve(JSON.parse(readFileSync(outFile, 'utf8')) as DashboardPartOutput);
      } catch {
        reject(new Error(`the dashboard part ended (${signal ?? code}) without results`));
      }
    });
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const short = argv.includes('--short');
  const profile = argv.includes('--profile');
  const failOnTarget = argv.includes('--fail-on-target');
  const t0 = performance.now();
  log(`${short ? 'short' : 'full'} run on ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (shared machine: compare ratios, not absolute times)`);

  const sections: BenchSection[] = [];
  log('parse bench (fresh child process per repetition)…');
  const parse = await runParseBench({ short, profile });
  sections.push(parse.section);
  const profiles = [...parse.profiles];

  if (short) {
    const sandbox = await startSandboxProcess({ latencyMs: SANDBOX_LATENCY_MS, accounts: benchSandboxAccounts });
    try {
      sections.push(await guarded('push bench', () => runPushBench({ short: true, sandbox, dashboard: null, concurrency: SERVER_CONCURRENCY })));
    } finally {
      await sandbox.close();
      await closeStockTrimPools();
    }
    const skipped = newSection('Browser and server-memory benches');
    skipped.notes.push('Skipped in --short: they need the built dashboard and Chromium (npm run bench runs them).');
    sections.push(skipped);
  } else {
    try {
      const part = await runLockedDashboardPart({ browserInput: parse.browserInput, build: !argv.includes('--no-build'), profile });
      sections.push(...part.sections);
      profiles.push(...part.profiles);
    } catch (error) {
      const failed = newSection('Built dashboard');
      check(failed, 'dashboard part ran', false, error instanceof Error ? error.message : String(error));
      sections.push(failed);
    }
  }

  process.stdout.write(`${formatSections(sections)}\n`);
  if (profiles.length > 0) process.stdout.write(`\n== CPU profiles (one extra run each, not counted in the figures) ==\n${profiles.join('\n')}\n`);
  const failed = sections.flatMap((s) => s.checks.filter((c) => !c.ok));
  const missed = sections.flatMap((s) => s.figures.filter((f) => f.met === false));
  log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  process.stdout.write(`\n${failed.length === 0 ? 'All checks passed' : `${failed.length} check(s) FAILED`}; ${short ? 'targets not judged (--short)' : `${missed.length} target(s) missed`}; ${fmtMs(performance.now() - t0)} in all.\n`);
  return failed.length > 0 || (failOnTarget && missed.length > 0) ? 1 : 0;
}

// Ctrl-C: exit through process.exit so 'exit' handlers stop the servers this run started.
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

const args = process.argv.slice(2);
const partAt = args.indexOf('--dashboard-part');
if (partAt >= 0) {
  const [inFile, outFile] = [args[partAt + 1]!, args[partAt + 2]!];
  const output = await dashboardPart(JSON.parse(readFileSync(inFile, 'utf8')) as DashboardPartInput);
  writeFileSync(outFile, JSON.stringify(output));
  process.exit(0);
} else {
  process.exit(await main(args));
}
