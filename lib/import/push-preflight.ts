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

/**
 * Lines to be sent per day, kept up to date as rows are counted in and out (the import table
 * does it where it keeps its other counts), so the summary never needs a pass over the rows.
 */
export class SentDays {
  private readonly days = new Map<string, number>();
  private undated = 0;

  add(value: CellValue, sign: 1 | -1): void {
    // Dates are sent as ISO 8601 ("2010-12-01T08:26:00"); a character check is cheaper than a
    // regular expression on half a million rows.
    if (typeof value !== 'string' || value.length < 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) {
      this.undated += sign;
      return;
    }
    const day = value.slice(0, 10);
    const n = (this.days.get(day) ?? 0) + sign;
    if (n === 0) this.days.delete(day);
    else this.days.set(day, n);
  }

  /** Every month from the first to the last line, empty ones included; null when no line has a date. */
  history(fieldLabel: string): PushPreflight['history'] | null {
    let from: string | null = null;
    let to: string | null = null;
    const perMonth = new Map<number, number>();
    for (const [day, n] of this.days) {
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
