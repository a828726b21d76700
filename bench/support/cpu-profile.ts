/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time per
 * function and per area (each lib/import module, papaparse, GC, the rest). This is how the
 * bench explains a missed target instead of only reporting it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly startTime: number;
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileLine {
  readonly name: string;
  readonly selfMs: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly byArea: readonly ProfileLine[];
  readonly byFunction: readonly ProfileLine[];
}

function areaOf(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)' || fn === '(idle)' || fn === '(root)') return 'V8/runtime (program)';
  const m = /\/lib\/import\/([^/?]+)$/.exec(url);
  if (m) return `lib/import/${m[1]}`;
  if (url.includes('papaparse')) return 'papaparse';
  if (url.includes('/bench/')) return 'bench harness';
  if (url === '' || url.startsWith('node:')) return 'node/V8 builtins';
  if (url.includes('node_modules')) return `node_modules/${url.split('node_modules/')[1]?.split('/')[0] ?? '?'}`;
  return path.basename(url);
}

/**
 * `windowUs` keeps only the samples taken inside [start, end] (µs on the monotonic clock that
 * process.hrtime and the profile share), i.e. the measured call without start-up and checks.
 */
export function summarizeCpuProfile(file: string, top = 12, windowUs?: readonly [number, number]): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (windowUs && (t < windowUs[0] || t > windowUs[1])) continue;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }
  let totalUs = 0;
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    totalUs += us;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  const lines = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: totalUs ? us / totalUs : 0 }));
  return { totalMs: totalUs / 1000, byArea: lines(areas), byFunction: lines(functions) };
}

/**
 * The main thread's profile in a --cpu-prof-dir. Under `--import tsx` the module loader runs on
 * a thread of its own that writes a profile too. Node names the files
 * CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile, and the main thread is thread 0.
 */
export function mainThreadProfile(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  const main = files.find((f) => f.split('.')[4] === '0');
  return path.join(dir, main ?? files.sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0]!);
}

export function formatProfile(title: string, s: ProfileSummary): string {
  const row = (l: ProfileLine) => `    ${(l.share * 100).toFixed(1).padStart(5)}%  ${l.selfMs.toFixed(0).padStart(6)} ms  ${l.name}`;
  return [`  ${title} (${s.totalMs.toFixed(0)} ms sampled)`, '   by area:', ...s.byArea.map(row), '   by function (self time):', ...s.byFunction.map(row)].join('\n');
}
