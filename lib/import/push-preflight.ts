/**
 * The summary shown before a push: the counts the validation already keeps, and for sales
 * orders the shape of the history that would land in StockTrim — lines per month from the
 * first to the last, empty months included, because a gap (a month missing from an export)
 * is exactly what skews a forecast and is easy to miss in a total.
 */
import type { CellValue, PushPreflight, ValidationSummary } from './import-types';

const ISO_DAY_RE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Month key (YYYY-MM) → a sortable number, and back. */
function monthNumber(year: number, month: number): number {
  return year * 12 + (month - 1);
}

function monthText(n: number): string {
  const year = Math.floor(n / 12);
  const month = (n % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export interface HistoryInput {
  readonly fieldLabel: string;
  /** Calls `visit` with the date value of every row that would be sent. */
  readonly forEachSentDate: (visit: (value: CellValue) => void) => void;
}

/** Lines per month of the rows that would be sent; null when none has a date. */
export function historyOf(input: HistoryInput): PushPreflight['history'] | null {
  const perMonth = new Map<number, number>();
  let from: string | null = null;
  let to: string | null = null;
  let undated = 0;
  input.forEachSentDate((value) => {
    const m = typeof value === 'string' ? ISO_DAY_RE.exec(value) : null;
    if (!m) {
      undated++;
      return;
    }
    const day = `${m[1]}-${m[2]}-${m[3]}`;
    if (from === null || day < from) from = day;
    if (to === null || day > to) to = day;
    const key = monthNumber(Number(m[1]), Number(m[2]));
    perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
  });
  if (from === null || to === null) return null;
  const first = monthNumber(Number((from as string).slice(0, 4)), Number((from as string).slice(5, 7)));
  const last = monthNumber(Number((to as string).slice(0, 4)), Number((to as string).slice(5, 7)));
  const months: { month: string; lines: number }[] = [];
  for (let n = first; n <= last; n++) months.push({ month: monthText(n), lines: perMonth.get(n) ?? 0 });
  return { fieldLabel: input.fieldLabel, from, to, months, undated };
}

/** The preflight from the validation's counts (so the two never disagree) and the history. */
export function buildPreflight(summary: ValidationSummary, history: HistoryInput | null): PushPreflight {
  const skipped = summary.skipped ?? 0;
  const skippedByYou = summary.skippedByYou ?? 0;
  const shape = history ? historyOf(history) : null;
  return {
    read: summary.total,
    valid: summary.valid,
    withWarnings: summary.withWarnings,
    withErrors: summary.withErrors,
    skippedByYou,
    skippedByRule: skipped - skippedByYou,
    ...(shape ? { history: shape } : {}),
  };
}
