/**
 * Issue item 3: sales lines pushed through the dashboard (the page's own push code posting
 * batches of 500 rows, 2 in flight, to /api/push/sales-orders) against our StockTrim client
 * sending the same orders straight to the sandbox's PUT /SalesOrdersBulk with the same
 * grouping and the same concurrency (2 batches in flight, each fanned out STOCKTRIM_CONCURRENCY
 * orders at a time, as the route does). The sandbox adds 20 ms to every request.
 *
 * Both sides get the batches built beforehand, so the ratio is about the dashboard's hop and
 * nothing else; how long the page-side batch building takes is printed on its own.
 */
import { runPush } from './support/chunk-push-client';
import type { PushRow } from '@/lib/import/import-types';
import { groupPushRowsIntoOrders } from '@/lib/import/sales-order-grouping';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
import { PUSH_BATCH_ROWS } from '@/lib/push-types';
import { createStockTrimClient, type StockTrimClient } from '@/lib/stocktrim/client';
import { benchAccounts } from './support/accounts';
import { connectDashboard, withDashboardFetch } from './support/dashboard-client';
import { digestText, sameDigest, type RefDigest } from './support/ref-digest';
import { type BenchSection, check, newSection, targetFigure } from './support/report';
import { ensureSalesFile, generatedProductIds } from './support/sales-file';
import { allBatches, deleteAllSales, loadSalesPushSource, readStoredLines, seedProducts } from './support/sales-push-source';
import type { RunningDashboard } from './support/dashboard-server';
import type { DoorStats } from './support/sandbox-child';
import type { SandboxProcess } from './support/sandbox-process';
import { fmtCount, fmtMs, fmtRate, fmtRatio, median } from './support/stats';

/** runPush's default, which the import page relies on: batches in flight at once. */
const PAGE_BATCHES_IN_FLIGHT = 2;

export interface PushBenchOptions {
  readonly short: boolean;
  readonly sandbox: SandboxProcess;
  /** The built dashboard; null in --short, where only the direct path runs. */
  readonly dashboard: RunningDashboard | null;
  /** The dashboard server's STOCKTRIM_CONCURRENCY, which the direct path copies. */
  readonly concurrency: number;
}

type PathName = 'direct' | 'dashboard';

interface RunOutcome {
  readonly ms: number;
  readonly door: DoorStats;
  /** What the sender itself says it delivered. */
  readonly reportedSent: number;
  /** CPU the dashboard server used during the run (dashboard path only). */
  readonly serverCpuMs: number;
  readonly reportedProblems: string | null;
}

async function pushDirect(batches: readonly PushRow[][], client: StockTrimClient, concurrency: number): Promise<{ sent: number; failed: number }> {
  let next = 0;
  let sent = 0;
  let failed = 0;
  async function lane(): Promise<void> {
    for (;;) {
      const index = next++;
      if (index >= batches.length) return;
      // The same grouping the route applies to the batch it receives.
      const groups = groupPushRowsIntoOrders(batches[index]!);
      await mapWithConcurrency(groups, concurrency, async (g) => {
        try {
          await client.request('PUT', '/SalesOrdersBulk', { body: g.order, idempotent: true });
          sent += g.rowNumbers.length;
        } catch {
          failed += g.rowNumbers.length;
        }
      });
    }
  }
  await Promise.all(Array.from({ length: PAGE_BATCHES_IN_FLIGHT }, lane));
  return { sent, failed };
}

async function pushThroughDashboard(url: string, cookie: string, batches: readonly PushRow[][], rowsToSend: number) {
  return withDashboardFetch(url, cookie, () =>
    runPush({
      dataset: 'sales-orders',
      batchCount: batches.length,
      rowsToSend,
      getBatch: async (i) => batches[i]!,
      signal: new AbortController().signal,
      onProgress: () => {},
    }),
  );
}

function deliveryProblems(door: DoorStats, expected: { lines: number; orders: number; digest: RefDigest }): string[] {
  const problems: string[] = [];
  if (door.linesAccepted !== expected.lines) problems.push(`${door.linesAccepted} lines accepted, expected ${expected.lines}`);
  if (door.duplicateDeliveries > 0) problems.push(`${door.duplicateDeliveries} lines delivered twice`);
  if (!sameDigest(door.accepted, expected.digest)) problems.push(`references differ (${digestText(door.accepted)} vs ${digestText(expected.digest)})`);
  if (door.putRequests !== expected.orders) problems.push(`${door.putRequests} PUT requests for ${expected.orders} orders`);
  if (door.mergedRequests > 0) problems.push(`${door.mergedRequests} requests mixed orders`);
  if (door.splitOrders > 0) problems.push(`${door.splitOrders} orders split over requests`);
  return problems;
}

export async function runPushBench(options: PushBenchOptions): Promise<BenchSection> {
  const lines = options.short ? 2_000 : 20_000;
  const section = newSection(options.short ? `Push ${fmtCount(lines)} lines (--short: direct path only, not judged)` : `Push ${fmtCount(lines)} sales lines: dashboard vs direct client`);
  const judge = !options.short;
  const reps = options.short ? 1 : 5;
  const credentials = benchAccounts.push;
  const url = options.sandbox.url;

  const file = ensureSalesFile(lines);
  const source = loadSalesPushSource(file.path);
  const { batches, digest, buildMs } = allBatches(source);
  const expected = { lines: source.plan.rowsToSend, orders: source.plan.orderCount ?? 0, digest };
  check(section, 'plan sends every valid line', expected.lines === file.lines - file.errorRows && digest.count === expected.lines, `${fmtCount(expected.lines)} lines in ${source.plan.batchCount} batches; the file has ${fmtCount(file.lines - file.errorRows)} valid lines`);
  check(section, 'plan groups lines into the file’s orders', expected.orders === file.ordersWithValidLines, `${fmtCount(expected.orders)} orders planned, the generator wrote ${fmtCount(file.ordersWithValidLines)}`);

  await seedProducts(url, credentials, generatedProductIds());
  const client = createStockTrimClient({ baseUrl: url, credentials, timeoutMs: 30_000, retry: { maxRetries: 4 } });
  const dashboard = options.dashboard;
  const cookie = dashboard ? await connectDashboard(dashboard.url, credentials) : null;
  if (!dashboard) section.notes.push('The dashboard path needs the built dashboard (next build + next start under the e2e lock); --short runs the direct path only.');

  const paths: PathName[] = dashboard ? ['direct', 'dashboard'] : ['direct'];

  async function once(path: PathName, subset: readonly PushRow[][], rowsToSend: number): Promise<RunOutcome> {
    await deleteAllSales(url, credentials);
    await options.sandbox.resetDoor();
    const cpu0 = dashboard?.cpuMs() ?? 0;
    const t0 = performance.now();
    let reportedSent = 0;
    let reportedProblems: string | null = null;
    if (path === 'direct') {
      const r = await pushDirect(subset, client, options.concurrency);
      reportedSent = r.sent;
      if (r.failed > 0) reportedProblems = `${r.failed} lines failed`;
    } else {
      const r = await pushThroughDashboard(dashboard!.url, cookie!, subset, rowsToSend);
      reportedSent = r.sent;
      if (r.rejected > 0 || r.notSentRowNumbers.length > 0 || r.stoppedBy) {
        reportedProblems = `${r.rejected} rejected, ${r.notSentRowNumbers.length} not sent${r.stoppedBy ? `, stopped: ${r.stoppedBy}` : ''}${r.rejectedRows[0] ? ` (${r.rejectedRows[0].message})` : ''}`;
      }
    }
    const ms = performance.now() - t0;
    const serverCpuMs = path === 'dashboard' ? dashboard!.cpuMs() - cpu0 : 0;
    return { ms, door: await options.sandbox.stats(), reportedSent, reportedProblems, serverCpuMs };
  }

  // Warm-up: the route's first calls load and compile its code; neither path counts it.
  const warm = batches.slice(0, 4);
  for (const p of paths) await once(p, warm, warm.reduce((n, b) => n + b.length, 0));

  const runs: Record<PathName, RunOutcome[]> = { direct: [], dashboard: [] };
  const problems: Record<PathName, string[]> = { direct: [], dashboard: [] };
  for (let r = 0; r < reps; r++) {
    const order = r % 2 === 0 ? paths : [...paths].reverse();
    for (const p of order) {
      const outcome = await once(p, batches, expected.lines);
      runs[p].push(outcome);
      const found = deliveryProblems(outcome.door, expected);
      if (outcome.reportedSent !== expected.lines) found.push(`the sender reports ${outcome.reportedSent} sent`);
      if (outcome.reportedProblems) found.push(outcome.reportedProblems);
      if (found.length) problems[p].push(`run ${r + 1}: ${found.join('; ')}`);
      // The last run of each path is also read back from the sandbox's store.
      if (runs[p].length === reps) {
        const stored = await readStoredLines(url, credentials, generatedProductIds());
        const ok = stored.lines === expected.lines && stored.duplicateRefs === 0 && sameDigest(stored.digest, digest);
        check(section, `${p}: sandbox holds every line once`, ok, `${fmtCount(stored.lines)} stored, ${stored.duplicateRefs} duplicate references, ${sameDigest(stored.digest, digest) ? 'same references as planned' : 'references differ'}`);
      }
    }
  }
  for (const p of paths) {
    check(section, `${p}: every line arrived exactly once, one request per order`, problems[p].length === 0, problems[p].length === 0 ? `${reps} run${reps > 1 ? 's' : ''}, ${fmtCount(expected.lines)} lines, ${fmtCount(expected.orders)} orders each` : problems[p].slice(0, 3).join(' | '));
  }

  const rate = (p: PathName) => median(runs[p].map((x) => expected.lines / (x.ms / 1000)));
  const perThousand = (p: PathName) => median(runs[p].map((x) => (x.door.putRequests / expected.lines) * 1000));
  section.figures.push({ label: 'lines / orders / batches', value: `${fmtCount(expected.lines)} / ${fmtCount(expected.orders)} / ${source.plan.batchCount}` });
  section.figures.push({ label: 'page-side batch building', value: `${fmtMs(buildMs)} (${fmtRate(expected.lines / (buildMs / 1000))} lines)` });
  for (const p of paths) {
    section.figures.push({ label: `${p}: throughput`, value: `${fmtRate(rate(p))} lines (median ${fmtMs(median(runs[p].map((x) => x.ms)))})` });
    section.figures.push({ label: `${p}: requests per 1,000 lines`, value: perThousand(p).toFixed(1) });
    section.figures.push({ label: `${p}: runs (ms)`, value: runs[p].map((x) => x.ms.toFixed(0)).join('/') });
  }
  if (dashboard) {
    // Where the dashboard's extra time goes: its server works on every batch (session, body
    // parse, row schema, order grouping and contract check, response) while that lane waits.
    const cpuPerBatch = median(runs.dashboard.map((x) => x.serverCpuMs)) / source.plan.batchCount;
    section.figures.push({ label: 'dashboard server CPU per batch', value: `${fmtMs(cpuPerBatch)} per ${PUSH_BATCH_ROWS} rows (extra wall time per batch per lane ${fmtMs(((median(runs.dashboard.map((x) => x.ms)) - median(runs.direct.map((x) => x.ms))) * PAGE_BATCHES_IN_FLIGHT) / source.plan.batchCount)})` });
    // Runs alternate direct/dashboard back to back; each pair shares that moment's machine load.
    const ratio = median(runs.dashboard.map((d, i) => runs.direct[i]!.ms / d.ms));
    section.figures.push(targetFigure('dashboard ÷ direct throughput', fmtRatio(ratio), '≥ 0.95×', ratio >= 0.95, judge));
  }
  return section;
}
