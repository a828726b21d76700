/**
 * One parse measurement in its own process (see child-process.ts). `plain` is the yardstick:
 * papaparse straight to arrays of the same bytes. `pipeline` is what the import worker runs
 * (importDelimitedBytes: decode, parse, header, mapping, readings, coerce + validate).
 * `all-fail` is the pipeline under a mapping shifted one column right, so every row fails.
 * Only the call itself is timed; the checks afterwards read the result.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { importDelimitedBytes, type LoadPhase } from '@/lib/import/import-pipeline';
import type { ColumnMapping, ValidationSummary } from '@/lib/import/import-types';
import { childMain } from './child-process';
import type { ExpectedSalesRow } from './sales-file';

export type ParseRunKind = 'plain' | 'pipeline' | 'all-fail';

export interface ParseChildInput {
  readonly kind: ParseRunKind;
  readonly file: string;
  /** What the pipeline's rows are checked against. */
  readonly expect: { readonly type: 'online-retail' } | { readonly type: 'generated'; readonly mapping: Readonly<Record<string, number | null>>; readonly samples: readonly ExpectedSalesRow[] };
}

export interface PhaseTimes {
  readonly decodeMs: number;
  readonly parseMs: number;
  /** Header, mapping, reading decisions and validation (the ImportTable constructor). */
  readonly tableMs: number;
  /** Split of tableMs estimated from validation progress; null when the file is too small to tell. */
  readonly readingsMsEstimate: number | null;
  readonly validateMsEstimate: number | null;
}

export interface ParseChildResult {
  readonly kind: ParseRunKind;
  readonly ms: number;
  /** CPU time (all threads, user + system) the timed call used: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  /** The timed call on the monotonic clock --cpu-prof uses (µs), to cut a profile to it. */
  readonly windowUs: readonly [number, number];
  readonly rssStartMb: number;
  readonly peakRssMb: number;
  /** V8 heap + array buffers still held by the result after a full GC, above the start. */
  readonly retainedMb: number;
  /** plain: non-blank records below the header, and how many have a negative quantity. */
  readonly dataRows?: number;
  readonly negativeQuantityRows?: number;
  readonly validation?: ValidationSummary;
  readonly mapping?: ColumnMapping;
  readonly phases?: PhaseTimes;
  readonly lastRowNumber?: number;
  readonly sampleMismatches?: readonly string[];
  readonly samplesChecked?: number;
}

const MB = 1024 * 1024;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function heldBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Holds the result so it stays alive while its retained size is measured. */
function keep(value: unknown): void {
  (globalThis as { benchKeep?: unknown }).benchKeep = value;
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

const cpuUsedMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

function plain(bytes: Uint8Array): { ms: number; cpuMs: number; windowUs: [number, number]; dataRows: number; negativeQuantityRows: number } {
  const c0 = process.cpuUsage();
  const w0 = monotonicUs();
  const t0 = performance.now();
  const text = new TextDecoder().decode(bytes);
  const parsed = Papa.parse<string[]>(text);
  const ms = performance.now() - t0;
  const windowUs: [number, number] = [w0, monotonicUs()];
  const cpuMs = cpuUsedMs(c0);
  keep(parsed.data);
  const rows = parsed.data;
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const q = header.findIndex((h) => h === 'quantity' || h === 'qty');
  let dataRows = 0;
  let negativeQuantityRows = 0;
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.every((c) => c.trim() === '')) continue;
    dataRows++;
    if (q >= 0 && Number(r[q]) < 0) negativeQuantityRows++;
  }
  return { ms, cpuMs, windowUs, dataRows, negativeQuantityRows };
}

/** The auto mapping, read from the first 64 KB, with every mapped field moved one column right. */
function shiftedMapping(bytes: Uint8Array, fileName: string): ColumnMapping {
  let end = Math.min(bytes.length, 64 * 1024);
  while (end < bytes.length && bytes[end - 1] !== 0x0a) end++;
  const head = importDelimitedBytes(bytes.subarray(0, end), { fileName, dataset: 'sales-orders' });
  const columns = head.summary().columns.length;
  const shifted: ColumnMapping = {};
  for (const [field, column] of Object.entries(head.getMapping())) {
    shifted[field] = column === null || column === undefined || column + 1 >= columns ? null : column + 1;
  }
  return shifted;
}

function phaseTimes(t0: number, t1: number, marks: readonly { phase: LoadPhase; fraction: number; t: number }[]): PhaseTimes {
  const last = (phase: LoadPhase) => marks.filter((m) => m.phase === phase).at(-1)?.t ?? t0;
  const decodeEnd = last('decoding');
  const parseEnd = Math.max(decodeEnd, last('parsing'));
  const validating = marks.filter((m) => m.phase === 'validating' && m.fraction < 1);
  let readingsMsEstimate: number | null = null;
  let validateMsEstimate: number | null = null;
  if (validating.length >= 2) {
    // Validation reports progress at a steady row rate; extrapolating back to fraction 0 gives
    // when it started, and so how long the reading decisions took before it.
    const a = validating[0]!;
    const b = validating.at(-1)!;
    const msPerFraction = (b.t - a.t) / (b.fraction - a.fraction);
    const validateStart = a.t - a.fraction * msPerFraction;
    readingsMsEstimate = Math.max(0, validateStart - parseEnd);
    validateMsEstimate = t1 - validateStart;
  }
  return { decodeMs: decodeEnd - t0, parseMs: parseEnd - decodeEnd, tableMs: t1 - parseEnd, readingsMsEstimate, validateMsEstimate };
}

const isoOfExport = (raw: string) => raw.trim().replace(' ', 'T');

function checkOnlineRetail(table: ReturnType<typeof importDelimitedBytes>): { mismatches: string[]; checked: number } {
  // Independent of the pipeline's own readers: the file writes "YYYY-MM-DD HH:MM:SS", plain
  // decimals, and customer ids exported from a float column ("17850.0").
  const mismatches: string[] = [];
  let checked = 0;
  for (let r = 0; r < table.rowCount; r += 997) {
    const row = table.getRows({ offset: r, limit: 1 }).rows[0]!;
    checked++;
    const raw = (k: string) => row.cells[k]?.raw ?? '';
    const value = (k: string) => row.cells[k]?.value ?? null;
    const qty = Number(raw('quantity'));
    const wantKept = qty < 0;
    const kept = row.status === 'error' || row.skipped === true;
    const problems: string[] = [];
    if (kept !== wantKept) problems.push(`status ${row.status}${row.skipped ? ' (skipped)' : ''} for quantity ${raw('quantity')}`);
    if (!wantKept) {
      if (value('quantity') !== qty) problems.push(`quantity ${String(value('quantity'))} ≠ ${qty}`);
      if (value('orderDate') !== isoOfExport(raw('orderDate'))) problems.push(`orderDate ${String(value('orderDate'))} ≠ ${isoOfExport(raw('orderDate'))}`);
      if (value('productId') !== raw('productId').trim()) problems.push(`productId ${String(value('productId'))}`);
      const customer = raw('customerCode').trim().replace(/\.0$/, '');
      if (value('customerCode') !== (customer === '' ? null : customer)) problems.push(`customerCode ${String(value('customerCode'))} ≠ ${customer}`);
    }
    if (problems.length && mismatches.length < 5) mismatches.push(`row ${row.rowNumber}: ${problems.join(', ')}`);
  }
  return { mismatches, checked };
}

function checkGenerated(table: ReturnType<typeof importDelimitedBytes>, samples: readonly ExpectedSalesRow[]): { mismatches: string[]; checked: number } {
  const mismatches: string[] = [];
  for (const s of samples) {
    const row = table.getRows({ offset: s.rowIndex, limit: 1 }).rows[0];
    const problems: string[] = [];
    if (!row) problems.push('missing');
    else {
      if (row.rowNumber !== s.rowNumber) problems.push(`row number ${row.rowNumber}`);
      if ((row.status !== 'error' && row.skipped !== true) !== s.valid) problems.push(`status ${row.status}${row.skipped ? ' (skipped)' : ''}`);
      if (s.valid) {
        for (const [k, want] of Object.entries(s.values)) {
          const got = row.cells[k]?.value;
          if (got !== want) problems.push(`${k} ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
        }
      }
    }
    if (problems.length && mismatches.length < 5) mismatches.push(`row ${s.rowNumber}: ${problems.join(', ')}`);
  }
  return { mismatches, checked: samples.length };
}

childMain<ParseChildInput, ParseChildResult>((input) => {
  const bytes = new Uint8Array(readFileSync(input.file));
  const fileName = input.file.split('/').at(-1)!;
  const mapping = input.kind === 'all-fail' ? shiftedMapping(bytes, fileName) : undefined;
  gc();
  const rssStartMb = process.memoryUsage().rss / MB;
  const heldStart = heldBytes();

  if (input.kind === 'plain') {
    const r = plain(bytes);
    gc();
    const retainedMb = (heldBytes() - heldStart) / MB;
    return { kind: 'plain', ms: r.ms, cpuMs: r.cpuMs, windowUs: r.windowUs, rssStartMb, peakRssMb: process.resourceUsage().maxRSS / 1024, retainedMb, dataRows: r.dataRows, negativeQuantityRows: r.negativeQuantityRows };
  }

  const marks: { phase: LoadPhase; fraction: number; t: number }[] = [];
  const c0 = process.cpuUsage();
  const w0 = monotonicUs();
  const t0 = performance.now();
  // The same call, with the same progress callback shape, that the import worker makes.
  const table = importDelimitedBytes(bytes, {
    fileName,
    dataset: 'sales-orders',
    ...(mapping ? { mapping } : {}),
    onProgress: (phase, fraction) => marks.push({ phase, fraction, t: performance.now() }),
  });
  const t1 = performance.now();
  const windowUs: [number, number] = [w0, monotonicUs()];
  const cpuMs = cpuUsedMs(c0);
  keep(table);
  gc();
  const retainedMb = (heldBytes() - heldStart) / MB;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const validation = table.validation();
  const lastRowNumber = table.rowCount > 0 ? table.getRows({ offset: table.rowCount - 1, limit: 1 }).rows[0]!.rowNumber : 0;
  const check =
    input.kind === 'all-fail'
      ? { mismatches: [], checked: 0 }
      : input.expect.type === 'online-retail'
        ? checkOnlineRetail(table)
        : checkGenerated(table, input.expect.samples);
  return {
    kind: input.kind,
    ms: t1 - t0,
    cpuMs,
    windowUs,
    rssStartMb,
    peakRssMb,
    retainedMb,
    validation,
    mapping: table.getMapping(),
    phases: phaseTimes(t0, t1, marks),
    lastRowNumber,
    sampleMismatches: check.mismatches,
    samplesChecked: check.checked,
  };
});
