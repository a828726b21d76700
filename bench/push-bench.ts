/**
 * Issue item 3: sales lines pushed through the dashboard the way the import page does it now
 * (lib/client/run-upload.ts: open a run, upload the planned rows in chunks, start it; the
 * server's run runner then sends it), timed from the first request to the run reading
 * "finished", against our StockTrim client sending the same batches straight to the
 * sandbox's PUT /SalesOrdersBulk at the runner's own concurrency: STOCKTRIM_CONCURRENCY
 * batches in flight, each sending its orders one request at a time. The sandbox adds 20 ms
 * to every request.
 *
 * The page says with each chunk which batches it holds whole, so the runner sends from the
 * first chunk on while the rest is uploaded. The bench polls the run at twice the page's rate
 * and takes the end from the run's finishedAt.
 *
 * Both sides get the batches built beforehand (the page's worker has them ready too), so the
 * ratio is about the dashboard's upload, storage and hand-over and nothing else; how long the
 * page-side batch building takes is printed on its own.
 */
import { uploadRun, type RunUploadSource } from '@/lib/client/run-upload';
import { fetchRun } from '@/lib/client/run-calls';
import { RUN_BATCH_ROWS, type RunSummary } from '@/lib/server/runs/run-api';
import type { PushRow } from '@/lib/import/import-types';
import { groupPushRowsIntoOrders } from '@/lib/import/sales-order-grouping';
import { mapWithConcurrency } from '@/lib/map-with-concurrency';
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

/**
 * How often the bench asks whether the run has finished: twice as often as the page's own
 * run view (components/runs/use-runs.ts polls every second). The end of the run is read from
 * the run's finishedAt, not from when the poll noticed it, so the poll rate costs the server
 * what the page costs it without blurring the figure.
 */
const RUN_POLL_MS = 500;

export interface PushBenchOptions {
  readonly short: boolean;
  readonly sandbox: SandboxProcess;
  /** The built dashboard; null in --short, where only the direct path runs. */
  readonly dashboard: RunningDashboard | null;
  /** The dashboard server's STOCKTRIM_CONCURRENCY (the runner's lanes), which the direct path copies. */
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
  /** Opening the run, uploading its rows and starting it (dashboard path only). */
  readonly uploadMs: number;
  /** Lines already sent when the page had uploaded everything and started the run (dashboard path only). */
  readonly sentAtStart: number;
  readonly reportedProblems: string | null;
  /** When the push began (epoch ms), to place the sandbox's PUT arrivals. */
  readonly wall0: number;
}

/** What the run runner does, minus the dashboard: `lanes` batches in flight, one order request at a time in each. */
async function pushDirect(batches: readonly PushRow[][], client: StockTrimClient, lanes: number): Promise<{ sent: number; failed: number }> {
  let next = 0;
  let sent = 0;
  let failed = 0;
  async function lane(): Promise<void> {
    for (;;) {
      const index = next++;
      if (index >= batches.length) return;
      // The same grouping the server's sales pusher applies to a batch.
      const groups = groupPushRowsIntoOrders(batches[index]!);
      await mapWithConcurrency(groups, 1, async (g) => {
        try {
          await client.request('PUT', '/SalesOrdersBulk', { body: g.order, idempotent: true });
          sent += g.rowNumbers.length;
        } catch {
          failed += g.rowNumbers.length;
        }
      });
    }
  }
  await Promise.all(Array.from({ length: lanes }, lane));
  return { sent, failed };
}

/** The page's worker, as run-upload.ts sees it: the plan, its batches, and no skipped rows. */
function uploadSource(batches: readonly PushRow[][], rowsToSend: number, orderCount: number): RunUploadSource {
  return {
    planPush: async () => ({ dataset: 'sales-orders', batchCount: batches.length, rowsToSend, rowsWithErrors: 0, rowsSkipped: 0, batchSize: RUN_BATCH_ROWS, orderCount, orderNoun: 'order' }),
    getPushBatch: async (i: number) => batches[i]!,
    getRows: async () => ({ rows: [], total: 0 }),
  } as RunUploadSource;
}

/** Uploads and starts a run with the page's own code, then waits for the server to finish it. */
async function pushThroughRun(
  url: string,
  cookie: string,
  batches: readonly PushRow[][],
  rowsToSend: number,
  orderCount: number,
): Promise<{ run: RunSummary; uploadMs: number; ms: number; sentAtStart: number }> {
  return withDashboardFetch(url, cookie, async () => {
    const wall0 = Date.now();
    const t0 = performance.now();
    const runId = await uploadRun({
      dataset: 'sales-orders',
      fileName: 'bench-sales.csv',
      fileRows: rowsToSend,
      source: uploadSource(batches, rowsToSend, orderCount),
      loadFileErrors: async () => [],
      signal: new AbortController().signal,
      onProgress: () => {},
    });
    const uploadMs = performance.now() - t0;
    let sentAtStart: number | null = null;
    for (;;) {
      const run = await fetchRun(runId);
      sentAtStart ??= run.counts.sent;
      if (run.state !== 'running' && run.state !== 'uploading') {
        // The server's clock is this machine's: first request to the run's own end.
        const ms = run.finishedAt ? Date.parse(run.finishedAt) - wall0 : performance.now() - t0;
        return { run, uploadMs, ms, sentAtStart };
      }
      await new Promise((r) => setTimeout(r, RUN_POLL_MS));
    }
  });
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
  // The page plans runs in RUN_BATCH_ROWS batches (whole orders); both paths send those.
  const source = loadSalesPushSource(file.path, RUN_BATCH_ROWS);
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
    let uploadMs = 0;
    let sentAtStart = 0;
    let runMs: number | null = null;
    const wall0 = Date.now();
    if (path === 'direct') {
      const r = await pushDirect(subset, client, options.concurrency);
      reportedSent = r.sent;
      if (r.failed > 0) reportedProblems = `${r.failed} lines failed`;
    } else {
      const r = await pushThroughRun(dashboard!.url, cookie!, subset, rowsToSend, expected.orders);
      uploadMs = r.uploadMs;
      sentAtStart = r.sentAtStart;
      runMs = r.ms;
      const c = r.run.counts;
      reportedSent = c.sent;
      if (r.run.state !== 'finished' || c.rejected > 0 || c.pending > 0 || c.notSent > 0) {
        reportedProblems = `run ${r.run.state}: ${c.rejected} rejected, ${c.pending} pending, ${c.notSent} not sent${r.run.message ? ` (${r.run.message})` : ''}`;
      }
    }
    const ms = runMs ?? performance.now() - t0;
    const serverCpuMs = path === 'dashboard' ? dashboard!.cpuMs() - cpu0 : 0;
    return { ms, door: await options.sandbox.stats(), reportedSent, reportedProblems, serverCpuMs, uploadMs, sentAtStart, wall0 };
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
    // Where the dashboard's extra time goes: the upload (run, chunks of rows into its store,
    // start) runs on the server's one thread while the first batches are sent, and every batch
    // is recorded in the run store (with the lane's next claim) around its requests.
    const cpuPerBatch = median(runs.dashboard.map((x) => x.serverCpuMs)) / source.plan.batchCount;
    section.figures.push({
      label: 'dashboard: upload + start (lines go out from the first chunk on)',
      value: `${fmtMs(median(runs.dashboard.map((x) => x.uploadMs)))} median; ${fmtCount(Math.round(median(runs.dashboard.map((x) => x.sentAtStart))))} lines already sent by the start`,
    });
    section.figures.push({ label: 'dashboard server CPU per batch', value: `${fmtMs(cpuPerBatch)} per ${RUN_BATCH_ROWS}-row batch (extra wall time per batch per lane ${fmtMs(((median(runs.dashboard.map((x) => x.ms)) - median(runs.direct.map((x) => x.ms))) * options.concurrency) / source.plan.batchCount)})` });
    // Where the dashboard loses time, from when each PUT reached the sandbox: before its first
    // request, while the page uploads (the server's one thread also checks and stores the
    // chunks), and after the upload.
    const firstPut = (x: RunOutcome) => (x.door.putArrivals[0] ?? x.wall0) - x.wall0;
    const putsBy = (x: RunOutcome, offsetMs: number) => x.door.putArrivals.filter((t) => t - x.wall0 <= offsetMs).length;
    section.figures.push({ label: 'first request reaches StockTrim after', value: paths.map((p) => `${p} ${fmtMs(median(runs[p].map(firstPut)))}`).join(', ') });
    const during = runs.dashboard.map((d, i) => ({ dashboard: putsBy(d, d.uploadMs), direct: putsBy(runs.direct[i]!, d.uploadMs), after: (d.door.putRequests - putsBy(d, d.uploadMs)) / Math.max(1, d.ms - d.uploadMs) }));
    const directAfter = runs.dashboard.map((d, i) => {
      const x = runs.direct[i]!;
      return (x.door.putRequests - putsBy(x, d.uploadMs)) / Math.max(1, x.ms - d.uploadMs);
    });
    section.figures.push({
      label: 'requests out by the end of the upload',
      value: `dashboard ${fmtCount(Math.round(median(during.map((d) => d.dashboard))))}, direct by the same moment ${fmtCount(Math.round(median(during.map((d) => d.direct))))}`,
    });
    section.figures.push({ label: 'requests per second after the upload', value: `dashboard ${(median(during.map((d) => d.after)) * 1000).toFixed(0)}, direct ${(median(directAfter) * 1000).toFixed(0)}` });
    // Runs alternate direct/dashboard back to back; each pair shares that moment's machine load.
    const ratio = median(runs.dashboard.map((d, i) => runs.direct[i]!.ms / d.ms));
    section.figures.push(targetFigure('dashboard ÷ direct throughput', fmtRatio(ratio), '≥ 0.95×', ratio >= 0.95, judge));
  }
  return section;
}
