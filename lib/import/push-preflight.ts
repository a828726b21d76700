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

function bump<K>(map: Map<K, number>, key: K, sign: 1 | -1): void {
  const n = (map.get(key) ?? 0) + sign;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const DAY_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9] as const;

/** "2010-12-01…" → 20101201; -1 unless the year, month and day are all digits. */
function dayNumber(s: string): number {
  let n = 0;
  for (const i of DAY_DIGITS) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

function dayText(n: number): string {
  const y = Math.floor(n / 10_000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Lines to be sent per day, kept up to date as rows are counted in and out (the import table
 * does it where it keeps its other counts), so the summary never needs a pass over the rows.
 */
export class SentDays {
  /** Days written in digits ("2010-12-01"), as the number 20101201: no string cut per row. */
  private readonly numbered = new Map<number, number>();
  /** Anything else that looks like a day. */
  private readonly days = new Map<string, number>();
  private undated = 0;

  add(value: CellValue, sign: 1 | -1): void {
    // Dates are sent as ISO 8601 ("2010-12-01T08:26:00"); a character check is cheaper than a
    // regular expression on half a million rows.
    if (typeof value !== 'string' || value.length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) {
      this.undated += sign;
      return;
    }
    const day = dayNumber(value);
    if (day >= 0) bump(this.numbered, day, sign);
    else bump(this.days, value.slice(0, 10), sign);
  }

  /** Every month from the first to the last line, empty ones included; null when no line has a date. */
  history(fieldLabel: string): PushPreflight['history'] | null {
    let from: string | null = null;
    let to: string | null = null;
    const perMonth = new Map<number, number>();
    const days: [string, number][] = [...this.days];
    for (const [day, n] of this.numbered) days.push([dayText(day), n]);
    for (const [day, n] of days) {
      if (!ISO_DAY_RE.test(day)) continue;
      if (from === null || day < from) from = day;
      if (to === null || day > to) to = day;
      const key = monthNumber(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
      perMonth.set(key, (perMonth.get(key) ?? 0) + n);
    }
    if (from === null || to === null) return null;
    const first = monthNumber(Number(from.slice(0, 4)), Number(from.slice(5, 7)));
    const last = monthNumber(Number(to.slice(0, 4)), Number(to.slice(5, 7)));
    const months: { month: string; lines: number }[] = [];
    for (let n = first; n <= last; n++) months.push({ month: monthText(n), lines: perMonth.get(n) ?? 0 });
    return { fieldLabel, from, to, months, undated: this.undated };
  }
}

/** The preflight from the validation's counts (so the two never disagree) and the history. */
export function buildPreflight(summary: ValidationSummary, shape: PushPreflight['history'] | null): PushPreflight {
  const skipped = summary.skipped ?? 0;
  const skippedByYou = summary.skippedByYou ?? 0;
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
