/**
 * Issue item 1: parse + map + coerce + validate (the import worker's importDelimitedBytes)
 * against a plain papaparse parse to arrays of the same bytes, on the full Online Retail file
 * and a generated 1,000,000-line sales file, plus the same files under a mapping that makes
 * every row fail. Each repetition is a fresh child process and the kinds take turns, so a
 * noisy minute on the shared machine hits both sides of a ratio alike.
 */
import { statSync } from 'node:fs';
import { runChild } from './support/child-process';
import { formatProfile, mainThreadProfile, summarizeCpuProfile } from './support/cpu-profile';
import type { ParseChildInput, ParseChildResult, ParseRunKind, PhaseTimes } from './support/parse-child';
import { benchModule, ONLINE_RETAIL_20K, ONLINE_RETAIL_FULL, scratchDir, sharedFile } from './support/paths';
import { type BenchSection, check, newSection, targetFigure } from './support/report';
import { ensureSalesFile, GENERATED_MAPPING } from './support/sales-file';
import { fmtCount, fmtMb, fmtMs, fmtRate, fmtRatio, median } from './support/stats';

export interface ParseBenchOptions {
  readonly short: boolean;
  /** Also run one --cpu-prof child per kind and input, and print where the time goes. */
  readonly profile: boolean;
}

export interface ParseInputResult {
  readonly id: string;
  readonly label: string;
  readonly file: string;
  readonly bytes: number;
  readonly rows: number;
  readonly plainMs: number;
  readonly pipelineMs: number;
  readonly allFailMs: number;
  /** pipeline ÷ plain, and all-fail ÷ clean pipeline: medians of the per-repetition ratios. */
  readonly ratio: number;
  readonly allFailRatio: number;
  readonly validation: ParseChildResult['validation'];
  readonly lastRowNumber: number;
}

export interface ParseBenchResult {
  readonly section: BenchSection;
  readonly inputs: readonly ParseInputResult[];
  /** The input the browser bench drops: the full Online Retail file, or its generated stand-in. */
  readonly browserInput: ParseInputResult | null;
  readonly profiles: readonly string[];
}

interface InputSpec {
  readonly id: string;
  readonly label: string;
  readonly file: string;
  readonly expect: ParseChildInput['expect'];
  /** Fault rows the generator wrote; null for the real file (derived from its plain parse). */
  readonly expectedErrors: number | null;
}

const CHILD = benchModule('support/parse-child.ts');
/** Data rows of the full Online Retail file. */
const ONLINE_RETAIL_ROWS = 541_909;
const NODE_FLAGS = ['--expose-gc'];

function inputs(short: boolean, section: BenchSection): InputSpec[] {
  const list: InputSpec[] = [];
  const real = sharedFile(short ? ONLINE_RETAIL_20K : ONLINE_RETAIL_FULL);
  if (real.path) {
    list.push({ id: 'online-retail', label: short ? 'Online Retail (first 20k)' : 'Online Retail (full)', file: real.path, expect: { type: 'online-retail' }, expectedErrors: null });
  } else section.notes.push(real.note!);
  const generated = (lines: number, id = `generated-${lines}`, label = `generated ${fmtCount(lines)} lines`): InputSpec => {
    const gen = ensureSalesFile(lines);
    return { id, label, file: gen.path, expect: { type: 'generated', mapping: GENERATED_MAPPING, samples: gen.samples }, expectedErrors: gen.errorRows };
  };
  list.push(generated(short ? 20_000 : 1_000_000));
  // Without the real file, the browser bench needs a stand-in of the same length (a million
  // rows would not fit the grid's scroll height) with its own plain-parse time.
  if (!real.path && !short) list.push(generated(ONLINE_RETAIL_ROWS, 'online-retail-stand-in', `generated ${fmtCount(ONLINE_RETAIL_ROWS)} lines (Online Retail stand-in)`));
  return list;
}

function run(spec: InputSpec, kind: ParseRunKind, flags: readonly string[] = []): Promise<ParseChildResult> {
  return runChild<ParseChildInput, ParseChildResult>(CHILD, { kind, file: spec.file, expect: spec.expect }, { nodeFlags: [...NODE_FLAGS, ...flags], timeoutMs: 600_000 });
}

function medianPhases(results: readonly ParseChildResult[]): PhaseTimes | null {
  const phases = results.map((r) => r.phases).filter((p): p is PhaseTimes => p !== undefined);
  if (phases.length === 0) return null;
  const pick = (f: (p: PhaseTimes) => number | null) => {
    const values = phases.map(f).filter((v): v is number => v !== null);
    return values.length ? median(values) : null;
  };
  return {
    decodeMs: pick((p) => p.decodeMs)!,
    parseMs: pick((p) => p.parseMs)!,
    tableMs: pick((p) => p.tableMs)!,
    readingsMsEstimate: pick((p) => p.readingsMsEstimate),
    validateMsEstimate: pick((p) => p.validateMsEstimate),
  };
}

export async function runParseBench(options: ParseBenchOptions): Promise<ParseBenchResult> {
  const section = newSection(options.short ? 'Parse + validate (--short: small inputs, not judged)' : 'Parse + validate vs plain papaparse');
  const judge = !options.short;
  const reps = options.short ? 1 : 5;
  const allFailReps = options.short ? 1 : 3;
  const results: ParseInputResult[] = [];
  const profiles: string[] = [];

  for (const spec of inputs(options.short, section)) {
    const bytes = statSync(spec.file).size;
    const byKind: Record<ParseRunKind, ParseChildResult[]> = { plain: [], pipeline: [], 'all-fail': [] };
    for (let r = 0; r < reps; r++) {
      // Rotate which kind goes first so neither side always runs on a cooler machine.
      const order: ParseRunKind[] = r % 2 === 0 ? ['plain', 'pipeline', 'all-fail'] : ['pipeline', 'all-fail', 'plain'];
      for (const kind of order) {
        if (kind === 'all-fail' && r >= allFailReps) continue;
        byKind[kind].push(await run(spec, kind));
      }
    }
    const plain = byKind.plain;
    const pipeline = byKind.pipeline;
    const allFail = byKind['all-fail'];
    const plainMs = median(plain.map((x) => x.ms));
    const pipelineMs = median(pipeline.map((x) => x.ms));
    const allFailMs = median(allFail.map((x) => x.ms));
    const first = pipeline[0]!;
    const v = first.validation!;
    const rows = v.total;
    // Each repetition ran its kinds back to back, so a ratio within a repetition shares that
    // moment's machine load; the median of those ratios is steadier than a ratio of medians.
    const ratio = median(pipeline.map((p, i) => p.ms / plain[i]!.ms));
    const allFailRatio = median(allFail.map((f, i) => f.ms / pipeline[i]!.ms));
    const cpuRatio = median(pipeline.map((p, i) => p.cpuMs / plain[i]!.cpuMs));
    const tag = spec.label;

    // ---- correctness: a fast but wrong pipeline must not pass.
    const dataRows = plain[0]!.dataRows!;
    check(section, `${tag}: rows`, rows === dataRows, `pipeline ${fmtCount(rows)} rows, plain parse ${fmtCount(dataRows)} non-blank records below the header`);
    for (const p of [...pipeline, ...allFail]) {
      const pv = p.validation!;
      if (pv.valid + pv.withErrors + (pv.skipped ?? 0) !== pv.total || pv.total !== rows) {
        check(section, `${tag}: counts add up (${p.kind})`, false, `valid ${pv.valid} + errors ${pv.withErrors} + skipped ${pv.skipped ?? 0} ≠ total ${pv.total} (expected ${rows})`);
      }
    }
    check(section, `${tag}: valid + errors = total`, v.valid + v.withErrors + (v.skipped ?? 0) === v.total, `${fmtCount(v.valid)} + ${fmtCount(v.withErrors)} = ${fmtCount(v.total)}`);
    const repeatable = pipeline.every((p) => p.validation!.valid === v.valid && p.validation!.withErrors === v.withErrors);
    check(section, `${tag}: same counts on every run`, repeatable, repeatable ? `${pipeline.length} runs agree` : pipeline.map((p) => p.validation!.withErrors).join(', '));
    // Rows that must not be sent: with errors, or skipped by a rule (negative quantities may be
    // either, depending on the user's choice); the sum is what the file dictates.
    const expectedKept = spec.expectedErrors ?? plain[0]!.negativeQuantityRows!;
    const kept = v.withErrors + (v.skipped ?? 0);
    check(
      section,
      `${tag}: rows kept from sending`,
      kept === expectedKept,
      `${fmtCount(v.withErrors)} with errors + ${fmtCount(v.skipped ?? 0)} skipped; ${spec.expectedErrors === null ? 'negative quantities in the plain parse' : 'faults the generator wrote'}: ${fmtCount(expectedKept)}`,
    );
    if (spec.expect.type === 'generated') {
      const want = spec.expect.mapping;
      const got = first.mapping ?? {};
      const wrong = Object.keys(want).filter((k) => (got[k] ?? null) !== want[k]);
      check(section, `${tag}: automatic mapping`, wrong.length === 0, wrong.length === 0 ? 'every field on its column' : `wrong: ${wrong.join(', ')}`);
    }
    check(
      section,
      `${tag}: sampled rows read right`,
      (first.sampleMismatches ?? []).length === 0,
      (first.sampleMismatches ?? []).length === 0 ? `${first.samplesChecked} rows compared with an independent reading` : (first.sampleMismatches ?? []).join('; '),
    );
    const af = allFail[0]!;
    check(section, `${tag}: shifted mapping fails every row`, af.validation!.valid === 0 && af.validation!.withErrors + (af.validation!.skipped ?? 0) === rows, `${fmtCount(af.validation!.withErrors)} of ${fmtCount(rows)} rows with errors, ${fmtCount(af.validation!.valid)} ready`);

    // ---- figures
    const plainRss = median(plain.map((x) => x.peakRssMb));
    const pipeRss = median(pipeline.map((x) => x.peakRssMb));
    const failRss = median(allFail.map((x) => x.peakRssMb));
    const pipeRetained = median(pipeline.map((x) => x.retainedMb));
    const failRetained = median(allFail.map((x) => x.retainedMb));
    section.figures.push({ label: `${tag}: input`, value: `${fmtCount(rows)} rows, ${fmtMb(bytes / 1048576)}` });
    section.figures.push({ label: `${tag}: plain papaparse`, value: `${fmtMs(plainMs)}  ${fmtRate(rows / (plainMs / 1000))} rows` });
    section.figures.push({ label: `${tag}: pipeline`, value: `${fmtMs(pipelineMs)}  ${fmtRate(rows / (pipelineMs / 1000))} rows` });
    section.figures.push(targetFigure(`${tag}: pipeline ÷ plain`, `${fmtRatio(ratio)} (CPU time ${fmtRatio(cpuRatio)})`, '≤ 1.4× (stretch ≤ 1.0×)', ratio <= 1.4, judge));
    if (judge && ratio <= 1.4) section.notes.push(`${tag}: stretch target (≤ 1.0×) ${ratio <= 1.0 ? 'met' : 'not met'}.`);
    section.figures.push(targetFigure(`${tag}: every row fails ÷ clean`, `${fmtRatio(allFailRatio)} (${fmtMs(allFailMs)})`, '≤ 2×', allFailRatio <= 2, judge));
    section.figures.push({ label: `${tag}: peak RSS plain / pipeline / all fail`, value: `${fmtMb(plainRss)} / ${fmtMb(pipeRss)} / ${fmtMb(failRss)}` });
    section.figures.push({ label: `${tag}: held after GC plain / pipeline / all fail`, value: `${fmtMb(median(plain.map((x) => x.retainedMb)))} / ${fmtMb(pipeRetained)} / ${fmtMb(failRetained)}` });
    // Errors are one status byte per row and messages are built only for rows on screen, so a
    // file of errors must not hold much more than a clean one.
    const capped = failRetained <= pipeRetained * 1.25 + 8;
    const cappedPeak = failRss <= pipeRss * 1.25 + 32;
    check(section, `${tag}: memory for errors is capped`, capped && cappedPeak, `all-fail holds ${fmtMb(failRetained)} vs ${fmtMb(pipeRetained)} clean (limit 1.25× + 8 MB), peak RSS ${fmtMb(failRss)} vs ${fmtMb(pipeRss)}`);
    const ph = medianPhases(pipeline);
    if (ph) {
      const split =
        ph.readingsMsEstimate !== null && ph.validateMsEstimate !== null
          ? ` (readings ≈ ${fmtMs(ph.readingsMsEstimate)}, coerce+validate ≈ ${fmtMs(ph.validateMsEstimate)})`
          : '';
      section.figures.push({ label: `${tag}: phases`, value: `decode ${fmtMs(ph.decodeMs)}, parse+store ${fmtMs(ph.parseMs)}, table ${fmtMs(ph.tableMs)}${split}` });
    }
    section.figures.push({ label: `${tag}: runs (ms)`, value: `plain ${plain.map((x) => x.ms.toFixed(0)).join('/')}; pipeline ${pipeline.map((x) => x.ms.toFixed(0)).join('/')}; all fail ${allFail.map((x) => x.ms.toFixed(0)).join('/')}` });

    if (options.profile) {
      for (const kind of ['plain', 'pipeline', 'all-fail'] as const) {
        const dir = scratchDir('profiles', `${spec.id}-${kind}-${process.pid}`);
        const r = await run(spec, kind, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200']);
        const file = mainThreadProfile(dir);
        profiles.push(formatProfile(`${tag}, ${kind}, the timed call only (${fmtMs(r.ms)} while profiled) — ${file}`, summarizeCpuProfile(file, 14, r.windowUs)));
      }
    }

    results.push({
      id: spec.id,
      label: tag,
      file: spec.file,
      bytes,
      rows,
      plainMs,
      pipelineMs,
      allFailMs,
      ratio,
      allFailRatio,
      validation: v,
      lastRowNumber: first.lastRowNumber ?? 0,
    });
  }
  const browserInput = options.short ? null : (results.find((r) => r.id === 'online-retail' || r.id === 'online-retail-stand-in') ?? null);
  return { section, inputs: results, browserInput, profiles };
}
