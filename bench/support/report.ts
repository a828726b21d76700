/**
 * What every bench hands back to run.ts: figures (with their target, when the issue sets one)
 * and correctness checks. Targets only ever describe speed or memory; checks describe whether
 * the answer was right, and a failed check is what makes the bench exit non-zero.
 */

export interface Figure {
  readonly label: string;
  readonly value: string;
  /** e.g. "≤ 1.4× (stretch ≤ 1.0×)"; absent for informational figures. */
  readonly target?: string;
  /** true met, false missed, null not judged (e.g. --short). */
  readonly met?: boolean | null;
}

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface BenchSection {
  readonly title: string;
  readonly figures: Figure[];
  readonly checks: Check[];
  readonly notes: string[];
}

export function newSection(title: string): BenchSection {
  return { title, figures: [], checks: [], notes: [] };
}

export function check(section: BenchSection, name: string, ok: boolean, detail: string): boolean {
  section.checks.push({ name, ok, detail });
  return ok;
}

/** A figure judged against a target, unless `judge` is false (short mode judges nothing). */
export function targetFigure(label: string, value: string, target: string, met: boolean, judge: boolean): Figure {
  return { label, value, target, met: judge ? met : null };
}

function pad(text: string, width: number): string {
  const len = [...text].length;
  return len >= width ? text : text + ' '.repeat(width - len);
}

function statusOf(f: Figure): string {
  if (f.target === undefined) return '';
  if (f.met === null || f.met === undefined) return 'not judged';
  return f.met ? 'MET' : 'MISSED';
}

/** The summary table: one block per section, figures then checks. */
export function formatSections(sections: readonly BenchSection[]): string {
  const lines: string[] = [];
  const w1 = Math.max(20, ...sections.flatMap((s) => s.figures.map((f) => [...f.label].length)));
  const w2 = Math.max(12, ...sections.flatMap((s) => s.figures.map((f) => [...f.value].length)));
  const w3 = Math.max(8, ...sections.flatMap((s) => s.figures.map((f) => [...(f.target ?? '')].length)));
  for (const s of sections) {
    lines.push('', `== ${s.title} ==`);
    if (s.figures.length > 0) {
      lines.push(`  ${pad('figure', w1)}  ${pad('value', w2)}  ${pad('target', w3)}  status`);
      for (const f of s.figures) lines.push(`  ${pad(f.label, w1)}  ${pad(f.value, w2)}  ${pad(f.target ?? '', w3)}  ${statusOf(f)}`);
    }
    for (const c of s.checks) lines.push(`  [${c.ok ? 'ok' : 'FAIL'}] ${c.name}: ${c.detail}`);
    for (const n of s.notes) lines.push(`  note: ${n}`);
  }
  return lines.join('\n');
}
