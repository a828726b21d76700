/**
 * Where the dashboard server's CPU goes during the push bench: the built dashboard started
 * with --cpu-prof, the push bench run against it, then the server's main-thread profile
 * summarised. Run under the e2e lock in a copy of the tree that has a .next build:
 *   node --import tsx bench/support/push-profile.ts
 */
import { mkdirSync, rmSync } from 'node:fs';
import { runPushBench } from '../push-bench';
import { benchSandboxAccounts, SANDBOX_LATENCY_MS, SERVER_CONCURRENCY } from './accounts';
import { formatProfile, mainThreadProfile, summarizeCpuProfile } from './cpu-profile';
import { startDashboard } from './dashboard-server';
import { scratchDir } from './paths';
import { startSandboxProcess } from './sandbox-process';
import { closeStockTrimPools } from '@/lib/stocktrim/client';

const dir = scratchDir('push-profile');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const sandbox = await startSandboxProcess({ latencyMs: SANDBOX_LATENCY_MS, accounts: benchSandboxAccounts });
const dashboard = await startDashboard({ port: 3200, sandboxUrl: sandbox.url, concurrency: SERVER_CONCURRENCY, nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
try {
  const section = await runPushBench({ short: false, sandbox, dashboard, concurrency: SERVER_CONCURRENCY });
  for (const f of section.figures) process.stdout.write(`${f.label}: ${f.value}\n`);
} finally {
  await dashboard.stop();
  await sandbox.close();
  await closeStockTrimPools();
}
process.stdout.write(`${formatProfile('dashboard server during the push bench', summarizeCpuProfile(mainThreadProfile(dir), 30))}\n`);
process.exit(0);
