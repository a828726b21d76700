/**
 * Date handling for contract date-times. StockTrim documents no timezone for orderDate, so the
 * sandbox reads the calendar date and clock time exactly as written and ignores any offset:
 * "2025-06-30T23:30:00-05:00" is a sale on 30 June.
 */
const PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:\d{2})?$/;

const DAY_MS = 86_400_000;

interface DateTimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly fraction: string;
  readonly offset: string;
}

function parts(value: string): DateTimeParts {
  const m = PARTS.exec(value);
  if (!m) throw new RangeError(`Not a contract date-time: ${value}`);
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    fraction: m[7] ?? '',
    offset: m[8] ?? '',
  };
}

/** Whole days since 1970-01-01 of the written calendar date. */
export function dayNumber(value: string): number {
  const p = parts(value);
  return Date.UTC(p.year, p.month - 1, p.day) / DAY_MS;
}

/** The written wall-clock time as a comparable number (offset ignored, see above). */
export function wallClock(value: string): number {
  const p = parts(value);
  const millis = Number(`0.${p.fraction || '0'}`) * 1000;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) + millis;
}

/** `2025-06-30T00:00:00` for a day number. */
export function dayToDateTime(day: number): string {
  return `${new Date(day * DAY_MS).toISOString().slice(0, 10)}T00:00:00`;
}

/** How ASP.NET writes a DateTime back: seconds always present, offset kept as sent. */
export function normalizeDateTime(value: string): string {
  const p = parts(value);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const fraction = p.fraction.replace(/0+$/, '');
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${fraction ? `.${fraction}` : ''}${p.offset}`
  );
}
