/**
 * Pure parts of the pre-push summary: month names, the gaps in a sales history, the chart's
 * scale and whether the counts add up. Kept out of the component so they are tested directly.
 */
import type { PushPreflight } from '@/lib/import/import-types';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parseMonth(month: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  const n = Number(m[2]);
  return n >= 1 && n <= 12 ? { year: Number(m[1]), month: n } : null;
}

/** "2011-03" → "March 2011"; anything else is shown as it came. */
export function monthName(month: string): string {
  const p = parseMonth(month);
  return p ? `${MONTHS[p.month - 1]} ${p.year}` : month;
}

/** "2011-03" → "Mar 11", for axis labels where room is short. */
export function shortMonthName(month: string): string {
  const p = parseMonth(month);
  // "Dec ’10", not "Dec 10", which reads as a day of the month.
  return p ? `${MONTHS[p.month - 1]!.slice(0, 3)} \u2019${String(p.year).slice(2)}` : month;
}

/** "2010-12-01" → "1 December 2010"; read as a calendar date, so no time zone can shift it a day. */
export function dayName(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** Runs of consecutive months with no lines, as [first, last] month strings. */
export function emptyMonthRuns(months: readonly { readonly month: string; readonly lines: number }[]): [string, string][] {
  const runs: [string, string][] = [];
  let start: string | null = null;
  let last: string | null = null;
  for (const m of months) {
    if (m.lines === 0) {
      start ??= m.month;
      last = m.month;
    } else if (start !== null && last !== null) {
      runs.push([start, last]);
      start = null;
      last = null;
    }
  }
  if (start !== null && last !== null) runs.push([start, last]);
  return runs;
}

function runName([first, last]: [string, string]): string {
  if (first === last) return monthName(first);
  const a = parseMonth(first);
  const b = parseMonth(last);
  // "June to August 2011" reads better than repeating the year; across years both are needed.
  if (a && b && a.year === b.year) return `${MONTHS[a.month - 1]} to ${monthName(last)}`;
  return `${monthName(first)} to ${monthName(last)}`;
}

/**
 * "No lines in March 2011." / "No lines in March 2011, or June to August 2011." — null when
 * every month has lines. The months are the ones between the first and the last line.
 */
export function describeGaps(months: readonly { readonly month: string; readonly lines: number }[]): string | null {
  const runs = emptyMonthRuns(months);
  if (runs.length === 0) return null;
  const names = runs.map(runName);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')}, or ${names[names.length - 1]}`;
  return `No lines in ${list}.`;
}

/** A round axis maximum at or above `max` (1, 2, 2.5 or 5 × a power of ten). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * power;
    if (candidate >= max) return candidate;
  }
  return 10 * power;
}

export interface BarScale {
  readonly max: number;
  /** Height in pixels of a bar for `lines`; a month with any lines is never drawn flat. */
  readonly height: (lines: number) => number;
}

/**
 * Heights in proportion to the axis maximum, with a floor for small months: one month with 5
 * lines beside months with 5,000 must still be told apart from a month with none.
 */
export function barScale(values: readonly number[], plotHeight: number, minVisible = 2): BarScale {
  const max = niceMax(Math.max(0, ...values));
  return {
    max,
    height: (lines) => (lines <= 0 ? 0 : Math.max(minVisible, (Math.min(lines, max) / max) * plotHeight)),
  };
}

/** Rows read less every category; 0 when the counts add up (they always should). */
export function unaccountedRows(p: PushPreflight): number {
  return p.read - p.valid - p.withErrors - p.skippedByYou - p.skippedByRule;
}
