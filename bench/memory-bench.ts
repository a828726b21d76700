/**
 * Issue item 4: the dashboard server's memory while 500,000 sales lines go through it the way
 * the import page pushes now (lib/client/run-upload.ts: the rows uploaded in chunks into a
 * durable run, which the server's runner sends batch by batch, from the first chunk on). The
 * server should hold one chunk per upload request and one batch per lane: resident memory may
 * rise to a plateau in the first batches but must not keep growing with the number of lines
 * (the rows wait in SQLite, whose page cache is bounded). RSS of the next-server process is
 * sampled from /proc every 200 ms from the first upload request until the run has finished. The server runs
 * with --trace-gc, so the V8 heap left after each full GC (what is really still held) is read
 * from its log too: RSS alone cannot tell a leak from V8 growing its heap under load.
 */
import { readFileSync } from 'node:fs';
import { fetchRun } from '@/lib/client/run-calls';
import { type RunUploadSource, uploadRun } from '@/lib/client/run-upload';
import type { PushRow } from '@/lib/import/import-types';
import { RUN_BATCH_ROWS, type RunSummary } from '@/lib/server/runs/run-api';
import { benchAccounts } from './support/accounts';
import { connectDashboard, withDashboardFetch } from './support/dashboard-client';
import type { RunningDashboard } from './support/dashboard-server';
import { digestText, newDigest, sameDigest } from './support/ref-digest';
import { type BenchSection, check, newSection, targetFigure } from './support/report';
import { ensureSalesFile, generatedProductIds } from './support/sales-file';
import { deleteAllSales, digestBatch, loadSalesPushSource, readStoredLines, seedProducts } from './support/sales-push-source';
import type { SandboxProcess } from './support/sandbox-process';
import { fmtCount, fmtMb, fmtMs, fmtRate, fmtRatio, toMb } from './support/stats';

export interface MemoryBenchOptions {
  readonly sandbox: SandboxProcess;
  readonly dashboard: RunningDashboard;
  readonly lines: number;
  readonly judge: boolean;
}

interface Sample {
  readonly t: number;
  readonly rss: number;
  /** Lines sent (as the run last said) when the sample was taken. */
  readonly done: number;
}

/** How often the bench reads the run's progress: the page's own rate (components/runs/use-runs.ts). */
const RUN_POLL_MS = 1000;

/** The page's worker as run-upload.ts sees it; batches are built when asked for, one at a time. */
function uploadSource(getBatch: (i: number) => PushRow[], batchCount: number, rowsToSend: number, orderCount: number): RunUploadSource {
  return {
    planPush: async () => ({ dataset: 'sales-orders', batchCount, rowsToSend, rowsWithErrors: 0, rowsSkipped: 0, batchSize: RUN_BATCH_ROWS, orderCount, orderNoun: 'order' }),
    getPushBatch: async (i: number) => getBatch(i),
    getRows: async () => ({ rows: [], total: 0 }),
  } as RunUploadSource;
}

/** Uploads and starts a run with the page's code, then follows it until it ends; `onSent` gets the run's sent count. */
async function pushThroughRun(dashboardUrl: string, cookie: string, source: RunUploadSource, rowsToSend: number, onSent: (sent: number) => void): Promise<RunSummary> {
  return withDashboardFetch(dashboardUrl, cookie, async () => {
    const runId = await uploadRun({
      dataset: 'sales-orders',
      fileName: 'bench-memory.csv',
      fileRows: rowsToSend,
      source,
      loadFileErrors: async () => [],
      signal: new AbortController().signal,
      onProgress: () => {},
    });
    for (;;) {
      const run = await fetchRun(runId);
      onSent(run.counts.sent);
      if (run.state !== 'running' && run.state !== 'uploading') return run;
      await sleep(RUN_POLL_MS);
    }
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Server flag the memory bench needs: one log line per GC with the heap before and after. */
export const MEMORY_BENCH_SERVER_FLAGS = ['--trace-gc'];

interface GcEvent {
  /** ms since the server process started. */
  readonly at: number;
  readonly full: boolean;
  /** V8 heap in use after the collection, MB. */
  readonly afterMb: number;
  /** V8 heap committed after the collection, MB (what the heap takes of RSS). */
  readonly committedMb: number;
}

/**
 * --trace-gc lines: "[pid:0x…]  8725 ms: Mark-Compact 48.5 (80.3) -> 34.1 (80.8) MB, …", of the
 * server's main thread only. Worker threads (the run store's checkpointer) have heaps of their
 * own, a few MB, which would pull the averages down; the main isolate is the one with most GCs.
 */
function gcEvents(log: string): GcEvent[] {
  let text = '';
  try {
    text = readFileSync(log, 'utf8');
  } catch {
    return [];
  }
  const byIsolate = new Map<string, GcEvent[]>();
  for (const m of text.matchAll(/\[\d+:(0x[0-9a-f]+)\]\s+(\d+) ms: (Scavenge|Mark-Compact)[^\n]*? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g)) {
    const list = byIsolate.get(m[1]!) ?? [];
    list.push({ at: Number(m[2]), full: m[3] === 'Mark-Compact', afterMb: Number(m[6]), committedMb: Number(m[7]) });
    byIsolate.set(m[1]!, list);
  }
  return [...byIsolate.values()].sort((a, b) => b.length - a.length)[0] ?? [];
}

export async function runMemoryBench(options: MemoryBenchOptions): Promise<BenchSection> {
  const section = newSection(`Dashboard server memory during a ${fmtCount(options.lines)}-line push`);
  const credentials = benchAccounts.memory;
  const url = options.sandbox.url;
  const file = ensureSalesFile(options.lines);
  const source = loadSalesPushSource(file.path, RUN_BATCH_ROWS);
  const plan = source.plan;
  await seedProducts(url, credentials, generatedProductIds());
  await deleteAllSales(url, credentials);
  const cookie = await connectDashboard(options.dashboard.url, credentials);
  // Warm-up: the routes' first requests load their code; that is start-up, not the push.
  const warm = [0, 1, 2, 3].map((i) => source.getBatch(i));
  await pushThroughRun(options.dashboard.url, cookie, uploadSource((i) => warm[i]!, warm.length, warm.flat().length, 0), warm.flat().length, () => {});
  await deleteAllSales(url, credentials);
  await options.sandbox.resetDoor();

  // Let the server settle after the previous bench before taking the starting figure.
  await sleep(2000);
  const startRss = options.dashboard.rssBytes();
  const samples: Sample[] = [];
  let done = 0;
  const pushStartedAt = Date.now();
  const t0 = performance.now();
  const timer = setInterval(() => samples.push({ t: performance.now() - t0, rss: options.dashboard.rssBytes(), done }), 200);
  const digest = newDigest();
  // Built on demand, as the page asks its worker for one batch at a time.
  const getBatch = (i: number) => {
    const rows = source.getBatch(i);
    digestBatch(digest, rows);
    return rows;
  };
  const run = await pushThroughRun(options.dashboard.url, cookie, uploadSource(getBatch, plan.batchCount, plan.rowsToSend, plan.orderCount ?? 0), plan.rowsToSend, (sent) => {
    done = sent;
  });
  const c = run.counts;
  const ms = performance.now() - t0;
  const pushEndedAt = Date.now();
  clearInterval(timer);
  const endRss = options.dashboard.rssBytes();
  await sleep(3000);
  const idleRss = options.dashboard.rssBytes();

  // ---- correctness
  const door = await options.sandbox.stats();
  const deliveredOk = door.linesAccepted === plan.rowsToSend && door.duplicateDeliveries === 0 && sameDigest(door.accepted, digest) && digest.count === plan.rowsToSend;
  check(
    section,
    'every line sent',
    run.state === 'finished' && c.sent === plan.rowsToSend && c.rejected === 0 && c.pending === 0 && c.notSent === 0,
    `run ${run.state}: ${fmtCount(c.sent)} sent, ${c.rejected} rejected, ${c.pending + c.notSent} not sent of ${fmtCount(plan.rowsToSend)}${run.message ? `; ${run.message}` : ''}`,
  );
  check(section, 'every line arrived exactly once', deliveredOk, `${fmtCount(door.linesAccepted)} accepted, ${door.duplicateDeliveries} twice, ${digestText(door.accepted)} vs planned ${digestText(digest)}`);
  check(section, 'one request per order, none mixed or split', door.putRequests === (plan.orderCount ?? -1) && door.mergedRequests === 0 && door.splitOrders === 0, `${fmtCount(door.putRequests)} requests for ${fmtCount(plan.orderCount ?? 0)} orders, ${door.mergedRequests} mixed, ${door.splitOrders} split`);
  const stored = await readStoredLines(url, credentials, generatedProductIds());
  check(section, 'sandbox holds every line once', stored.lines === plan.rowsToSend && stored.duplicateRefs === 0 && sameDigest(stored.digest, digest), `${fmtCount(stored.lines)} stored, ${stored.duplicateRefs} duplicate references`);
  check(section, 'RSS was sampled through the push', samples.length >= 5, `${samples.length} samples`);

  // ---- figures: the push in quarters (by lines sent) shows a trend a single peak hides.
  const peakRss = Math.max(startRss, ...samples.map((s) => s.rss));
  const quarter = (q: number) => {
    const inQ = samples.filter((s) => s.done >= (plan.rowsToSend * q) / 4 && (q === 3 ? s.done <= plan.rowsToSend : s.done < (plan.rowsToSend * (q + 1)) / 4));
    return inQ.length ? Math.max(...inQ.map((s) => s.rss)) : Number.NaN;
  };
  const quarters = [0, 1, 2, 3].map(quarter);
  const growth = quarters[3]! / quarters[0]!;
  const peakRatio = peakRss / startRss;
  // Full GCs during the push, in quarters of its duration.
  const from = pushStartedAt - options.dashboard.startedAt;
  const span = pushEndedAt - pushStartedAt;
  const events = gcEvents(options.dashboard.log).filter((g) => g.at >= from && g.at <= from + span);
  const gcs = events.filter((g) => g.full);
  const inQuarter = (list: readonly GcEvent[], q: number) => list.filter((g) => g.at >= from + (span * q) / 4 && g.at < from + (span * (q + 1)) / 4);
  const gcQuarters = [0, 1, 2, 3].map((q) => {
    const after = inQuarter(gcs, q).map((g) => g.afterMb);
    return after.length ? after.reduce((a, b) => a + b, 0) / after.length : Number.NaN;
  });
  const committedQuarters = [0, 1, 2, 3].map((q) => {
    const committed = inQuarter(events, q).map((g) => g.committedMb);
    return committed.length ? Math.max(...committed) : Number.NaN;
  });
  const liveGrowth = gcQuarters[3]! / gcQuarters[0]!;
  section.figures.push({ label: 'lines / orders / batches', value: `${fmtCount(plan.rowsToSend)} / ${fmtCount(plan.orderCount ?? 0)} / ${fmtCount(plan.batchCount)}` });
  section.figures.push({ label: 'push time (upload to run finished), throughput', value: `${fmtMs(ms)}, ${fmtRate(plan.rowsToSend / (ms / 1000))} lines; ${run.requests} requests (${run.requestsPer1000Rows ?? '—'} per 1,000 lines)` });
  section.figures.push({ label: 'server RSS start / peak / end', value: `${fmtMb(toMb(startRss))} / ${fmtMb(toMb(peakRss))} / ${fmtMb(toMb(endRss))} (${fmtMb(toMb(idleRss))} 3 s later)` });
  section.figures.push({ label: 'server RSS peak per quarter', value: quarters.map((q) => fmtMb(toMb(q))).join(' → ') });
  section.figures.push({ label: 'peak ÷ start, end ÷ start', value: `${fmtRatio(peakRatio)}, ${fmtRatio(endRss / startRss)}` });
  section.figures.push({ label: 'RSS last ÷ first quarter', value: fmtRatio(growth) });
  section.figures.push({
    label: 'V8 heap committed per quarter',
    value: `${committedQuarters.map((q) => (Number.isFinite(q) ? `${q.toFixed(0)} MB` : '—')).join(' → ')} (${events.length} GCs)`,
  });
  section.figures.push({
    label: 'V8 heap after full GC per quarter',
    value: `${gcQuarters.map((q) => (Number.isFinite(q) ? `${q.toFixed(1)} MB` : '—')).join(' → ')} (${gcs.length} full GCs)`,
  });
  // "Flat", made measurable: what the server still holds after a full GC does not grow from
  // the first quarter of the push to the last (a leak grows with lines pushed), and resident
  // memory stays within half again what the warmed-up idle server used.
  section.figures.push(targetFigure('live heap last ÷ first quarter', Number.isFinite(liveGrowth) ? fmtRatio(liveGrowth) : 'too few full GCs', '≤ 1.10×', liveGrowth <= 1.1, options.judge && Number.isFinite(liveGrowth)));
  section.figures.push(targetFigure('RSS peak ÷ start', fmtRatio(peakRatio), '≤ 1.5×', peakRatio <= 1.5, options.judge));
  await deleteAllSales(url, credentials);
  return section;
}
