/**
 * Dates as spreadsheets export them. `new Date("03/04/2024")` guesses month-first and rolls
 * 2024-02-30 over to March, so neither it nor Date.parse is used on raw text. Each column's
 * day/month order is decided once from values that prove it (a day above 12); when nothing
 * proves it the column is reported as ambiguous and its ambiguous cells are rejected until
 * the user chooses, rather than guessed row by row.
 *
 * Output is an ISO 8601 local date-time without offset ("2010-12-01T08:26:00"), which is what
 * StockTrim takes; it documents no time zone.
 */

export type DateOrder = 'dmy' | 'mdy';

/** Two-digit years: 00–29 → 2000–2029, 30–99 → 1930–1999, the window Excel itself uses. */
export const TWO_DIGIT_YEAR_PIVOT = 30;

/** Years outside this range get a warning: usually a typo or a two-digit year gone wrong. */
const PLAUSIBLE_FROM = 1950;
const PLAUSIBLE_TO = 2100;

export type DateShape =
  | 'empty'
  /** Year first (ISO and YYYY/MM/DD, YYYYMMDD): no order needed. */
  | 'ymd'
  /** Has a month name: no order needed. */
  | 'named'
  /** n/n/y where both n ≤ 12 and differ: needs the column's order. */
  | 'ambiguous'
  /** n/n/y that the same under both orders (e.g. 02/02/2019). */
  | 'same'
  /** First number > 12: only day-first works. */
  | 'proves-dmy'
  /** Second number > 12: only month-first works. */
  | 'proves-mdy'
  | 'serial'
  | 'invalid';

/** Scratch output of the scanner; reused so a full-column pass allocates nothing per cell. */
export interface DateParts {
  shape: DateShape;
  /** For n/n/y shapes the two leading numbers as written; otherwise year/month/day. */
  a: number;
  b: number;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  hasTime: boolean;
  twoDigitYear: boolean;
  offset: boolean;
  /** Excel serial day number (with fraction for time). */
  serial: number;
  reason: string;
}

export function newDateParts(): DateParts {
  return { shape: 'empty', a: 0, b: 0, year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, hasTime: false, twoDigitYear: false, offset: false, serial: 0, reason: '' };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_FULL = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_LABEL = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'tues', 'thur', 'thurs'];

function monthFromWord(word: string): number {
  const w = word.toLowerCase();
  for (let i = 0; i < 12; i++) {
    if (w === MONTHS[i] || w === MONTH_FULL[i]) return i + 1;
  }
  if (w === 'sept') return 9;
  return 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Tokens of one value: kinds and spans, kept in module scratch arrays. */
const T_NUM = 1;
const T_WORD = 2;
const T_SEP = 3;
const MAX_TOKENS = 24;
const tokKind = new Int32Array(MAX_TOKENS);
const tokStart = new Int32Array(MAX_TOKENS);
const tokEnd = new Int32Array(MAX_TOKENS);
const tokSepChar = new Int32Array(MAX_TOKENS);

function tokenize(s: string, from: number, to: number): number {
  let n = 0;
  let i = from;
  while (i < to) {
    if (n === MAX_TOKENS) return -1;
    const c = s.charCodeAt(i);
    const start = i;
    if (isDigit(c)) {
      while (i < to && isDigit(s.charCodeAt(i))) i++;
      tokKind[n] = T_NUM;
    } else if (isLetter(c)) {
      while (i < to && isLetter(s.charCodeAt(i))) i++;
      tokKind[n] = T_WORD;
    } else {
      // Runs of spaces collapse to one separator; a run containing a punctuation mark takes it.
      let sep = 0x20;
      while (i < to) {
        const d = s.charCodeAt(i);
        if (isDigit(d) || isLetter(d)) break;
        if (d !== 0x20 && d !== 0x09 && d !== 0xa0) {
          if (sep !== 0x20 && sep !== d) break;
          sep = d;
        }
        i++;
      }
      tokKind[n] = T_SEP;
      tokSepChar[n] = sep;
    }
    tokStart[n] = start;
    tokEnd[n] = i;
    n++;
  }
  return n;
}

function num(s: string, t: number): number {
  let v = 0;
  for (let i = tokStart[t]!; i < tokEnd[t]!; i++) v = v * 10 + (s.charCodeAt(i) - 0x30);
  return v;
}

function len(t: number): number {
  return tokEnd[t]! - tokStart[t]!;
}

function isDateSep(t: number): boolean {
  const c = tokSepChar[t];
  return tokKind[t] === T_SEP && (c === 0x2f || c === 0x2d || c === 0x2e || c === 0x20);
}

function invalid(out: DateParts, reason: string): DateParts {
  out.shape = 'invalid';
  out.reason = reason;
  return out;
}

function expandYear(y: number, digits: number, out: DateParts): number {
  if (digits === 2) {
    out.twoDigitYear = true;
    return y < TWO_DIGIT_YEAR_PIVOT ? 2000 + y : 1900 + y;
  }
  return y;
}

/**
 * Reads the time part starting at token t: H:MM[:SS[.fff]] [AM|PM] [Z|UTC|GMT|±HH[:MM]].
 * Returns false with out.reason set when something is there but is not a time.
 */
function readTime(s: string, t: number, n: number, out: DateParts): boolean {
  if (t >= n) return true;
  // Separator between date and time: a space or the ISO "T" (which tokenises as a word).
  if (tokKind[t] === T_SEP && (tokSepChar[t] === 0x20 || tokSepChar[t] === 0x2c)) t++;
  else if (tokKind[t] === T_WORD && len(t) === 1 && (s.charCodeAt(tokStart[t]!) | 0x20) === 0x74) t++;
  else if (tokKind[t] === T_SEP && tokSepChar[t] === 0x20) t++;
  if (t >= n) return true;
  if (tokKind[t] !== T_NUM || len(t) > 2) {
    out.reason = 'has text after the date that is not a time';
    return false;
  }
  const h = num(s, t);
  t++;
  let m = 0;
  let sec = 0;
  if (t + 1 < n && tokKind[t] === T_SEP && tokSepChar[t] === 0x3a && tokKind[t + 1] === T_NUM && len(t + 1) === 2) {
    m = num(s, t + 1);
    t += 2;
    if (t + 1 < n && tokKind[t] === T_SEP && tokSepChar[t] === 0x3a && tokKind[t + 1] === T_NUM && len(t + 1) === 2) {
      sec = num(s, t + 1);
      t += 2;
      // Fractions of a second are dropped: forecasts work in days.
      if (t + 1 < n && tokKind[t] === T_SEP && (tokSepChar[t] === 0x2e || tokSepChar[t] === 0x2c) && tokKind[t + 1] === T_NUM) t += 2;
    }
  } else {
    out.reason = 'has a time without minutes';
    return false;
  }
  let hour = h;
  if (t < n && tokKind[t] === T_SEP && tokSepChar[t] === 0x20) t++;
  if (t < n && tokKind[t] === T_WORD) {
    const w = s.slice(tokStart[t]!, tokEnd[t]!).toLowerCase();
    if (w === 'am' || w === 'pm') {
      if (h < 1 || h > 12) {
        out.reason = `has hour ${h} with ${w.toUpperCase()}`;
        return false;
      }
      hour = w === 'pm' ? (h === 12 ? 12 : h + 12) : h === 12 ? 0 : h;
      t++;
      if (t < n && tokKind[t] === T_SEP && tokSepChar[t] === 0x20) t++;
    }
  }
  if (t < n) {
    // Z, UTC, GMT or a numeric offset: StockTrim takes local times, so the offset is dropped
    // (the clock time as written is kept) and the column reports it.
    if (tokKind[t] === T_WORD) {
      const w = s.slice(tokStart[t]!, tokEnd[t]!).toLowerCase();
      if (w === 'z' || w === 'utc' || w === 'gmt') {
        out.offset = true;
        t++;
      }
    }
    if (t < n && tokKind[t] === T_SEP && (tokSepChar[t] === 0x2b || tokSepChar[t] === 0x2d)) {
      if (t + 1 < n && tokKind[t + 1] === T_NUM && (len(t + 1) === 2 || len(t + 1) === 4)) {
        t += 2;
        if (t + 1 < n && tokKind[t] === T_SEP && tokSepChar[t] === 0x3a && tokKind[t + 1] === T_NUM) t += 2;
        out.offset = true;
      }
    }
    if (t < n) {
      out.reason = 'has text after the date that is not a time';
      return false;
    }
  }
  if (hour > 23 || m > 59 || sec > 59) {
    out.reason = `has an impossible time (${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')})`;
    return false;
  }
  out.hour = hour;
  out.minute = m;
  out.second = sec;
  out.hasTime = true;
  return true;
}

function trimBounds(s: string): [number, number] {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) <= 0x20 || s.charCodeAt(a) === 0xa0)) a++;
  while (b > a && (s.charCodeAt(b - 1) <= 0x20 || s.charCodeAt(b - 1) === 0xa0)) b--;
  return [a, b];
}

function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 0x30;
  const b = s.charCodeAt(i + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM" and "YYYY-MM-DD[ T]HH:MM:SS" by fixed positions: the shape
 * of most machine exports, read without tokenizing. Anything else takes the general path.
 */
function isoFastPath(s: string, from: number, to: number, out: DateParts): boolean {
  const len = to - from;
  if (len !== 10 && len !== 16 && len !== 19) return false;
  if (s.charCodeAt(from + 4) !== 0x2d || s.charCodeAt(from + 7) !== 0x2d) return false;
  const y1 = d2(s, from);
  const y2 = d2(s, from + 2);
  const m = d2(s, from + 5);
  const d = d2(s, from + 8);
  if (y1 < 0 || y2 < 0 || m < 0 || d < 0) return false;
  let hh = 0;
  let mm = 0;
  let ss = 0;
  if (len > 10) {
    const sep = s.charCodeAt(from + 10);
    if ((sep !== 0x20 && sep !== 0x54) || s.charCodeAt(from + 13) !== 0x3a) return false;
    hh = d2(s, from + 11);
    mm = d2(s, from + 14);
    if (hh < 0 || mm < 0) return false;
    if (len === 19) {
      if (s.charCodeAt(from + 16) !== 0x3a) return false;
      ss = d2(s, from + 17);
      if (ss < 0) return false;
    }
    // Impossible times take the general path, which explains them.
    if (hh > 23 || mm > 59 || ss > 59) return false;
    out.hasTime = true;
  }
  out.year = y1 * 100 + y2;
  out.month = m;
  out.day = d;
  out.hour = hh;
  out.minute = mm;
  out.second = ss;
  out.shape = 'ymd';
  return true;
}

/**
 * Scans the structure of a date text without deciding the day/month order. Sets year/month/
 * day for shapes that need no order, and a/b for n/n/y shapes.
 */
export function scanDate(s: string, out: DateParts): DateParts {
  out.shape = 'empty';
  out.reason = '';
  out.year = out.month = out.day = out.a = out.b = 0;
  out.hour = out.minute = out.second = 0;
  out.hasTime = false;
  out.twoDigitYear = false;
  out.offset = false;
  out.serial = 0;
  const [from, to] = trimBounds(s);
  if (from === to) return out;
  if (isoFastPath(s, from, to, out)) return out;

  const n = tokenize(s, from, to);
  if (n <= 0) return invalid(out, 'is not a date');

  // A bare number: YYYYMMDD, or an Excel serial day number (what a date cell becomes when a
  // sheet is saved as CSV with the cells formatted as numbers).
  if (n === 1 || (n === 3 && tokKind[0] === T_NUM && tokKind[1] === T_SEP && tokSepChar[1] === 0x2e && tokKind[2] === T_NUM)) {
    if (tokKind[0] !== T_NUM) return invalid(out, 'is not a date');
    if (n === 1 && len(0) === 8) {
      out.year = num(s, 0);
      out.year = Math.floor(out.year / 10000);
      const rest = num(s, 0) % 10000;
      out.month = Math.floor(rest / 100);
      out.day = rest % 100;
      out.shape = 'ymd';
      return out;
    }
    const serial = Number(s.slice(from, to));
    if (len(0) <= 7 && serial >= 1 && serial < 2958466) {
      out.serial = serial;
      out.shape = 'serial';
      return out;
    }
    return invalid(out, 'is a number, not a date');
  }

  let t = 0;
  // Optional weekday: "Mon, 8 Jan 2024", "Monday 8 January 2024".
  if (tokKind[0] === T_WORD && WEEKDAYS.includes(s.slice(tokStart[0]!, tokEnd[0]!).toLowerCase())) {
    t = 1;
    if (t < n && tokKind[t] === T_SEP) t++;
  }
  const k0 = tokKind[t];
  if (k0 === T_NUM && len(t) === 4) {
    // Year first: 2024-01-08, 2024/1/8, 2024.01.08.
    if (!(t + 4 < n && isDateSep(t + 1) && tokKind[t + 2] === T_NUM && isDateSep(t + 3) && tokKind[t + 4] === T_NUM && tokSepChar[t + 1] === tokSepChar[t + 3])) {
      return invalid(out, 'is not a date in a format we can read');
    }
    if (len(t + 2) > 2 || len(t + 4) > 2) return invalid(out, 'is not a date in a format we can read');
    out.year = num(s, t);
    out.month = num(s, t + 2);
    out.day = num(s, t + 4);
    out.shape = 'ymd';
    t += 5;
  } else if (k0 === T_NUM && len(t) <= 2 && t + 2 < n && isDateSep(t + 1) && tokKind[t + 2] === T_WORD) {
    // Day then month name: 8 Jan 2024, 08-Jan-24.
    const month = monthFromWord(s.slice(tokStart[t + 2]!, tokEnd[t + 2]!));
    if (month === 0) return invalid(out, 'is not a date in a format we can read');
    if (!(t + 4 < n && isDateSep(t + 3) && tokKind[t + 4] === T_NUM && (len(t + 4) === 2 || len(t + 4) === 4))) {
      return invalid(out, 'has no year');
    }
    out.day = num(s, t);
    out.month = month;
    out.year = expandYear(num(s, t + 4), len(t + 4), out);
    out.shape = 'named';
    t += 5;
  } else if (k0 === T_WORD) {
    // Month name first: Jan 8, 2024 / January 8 2024.
    const month = monthFromWord(s.slice(tokStart[t]!, tokEnd[t]!));
    if (month === 0) return invalid(out, 'is not a date');
    if (!(t + 2 < n && tokKind[t + 1] === T_SEP && tokKind[t + 2] === T_NUM && len(t + 2) <= 2)) return invalid(out, 'is not a date in a format we can read');
    if (!(t + 4 < n && tokKind[t + 3] === T_SEP && tokKind[t + 4] === T_NUM && (len(t + 4) === 2 || len(t + 4) === 4))) return invalid(out, 'has no year');
    out.month = month;
    out.day = num(s, t + 2);
    out.year = expandYear(num(s, t + 4), len(t + 4), out);
    out.shape = 'named';
    t += 5;
  } else if (k0 === T_NUM && len(t) <= 2) {
    // n/n/y with the same separator twice.
    if (!(t + 4 < n && isDateSep(t + 1) && tokKind[t + 2] === T_NUM && len(t + 2) <= 2 && isDateSep(t + 3) && tokSepChar[t + 1] === tokSepChar[t + 3] && tokKind[t + 4] === T_NUM)) {
      return invalid(out, 'is not a date in a format we can read');
    }
    const yl = len(t + 4);
    if (yl !== 2 && yl !== 4) return invalid(out, 'has a year that is neither 2 nor 4 digits');
    out.a = num(s, t);
    out.b = num(s, t + 2);
    out.year = expandYear(num(s, t + 4), yl, out);
    const a = out.a;
    const b = out.b;
    if (a === 0 || b === 0) return invalid(out, 'has a day or month of 0');
    if (a > 12 && b > 12) return invalid(out, 'has no month (both numbers are above 12)');
    out.shape = a > 12 ? 'proves-dmy' : b > 12 ? 'proves-mdy' : a === b ? 'same' : 'ambiguous';
    if (out.shape === 'same') {
      out.day = a;
      out.month = a;
    }
    t += 5;
  } else {
    return invalid(out, 'is not a date');
  }

  if (!readTime(s, t, n, out)) {
    out.shape = 'invalid';
    return out;
  }
  return out;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function isoOf(y: number, m: number, d: number, hh: number, mm: number, ss: number): string {
  return `${y}-${pad2(m)}-${pad2(d)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
}

export interface DateResult {
  /** 0 blank, 1 ok, 2 error. */
  status: 0 | 1 | 2;
  iso: string;
  reason: string;
  warning: string;
}

export function newDateResult(): DateResult {
  return { status: 0, iso: '', reason: '', warning: '' };
}

function readableDay(y: number, m: number, d: number): string {
  return `${d} ${MONTH_LABEL[m - 1] ?? '?'} ${y}`;
}

function checkCalendar(y: number, m: number, d: number, out: DateResult): boolean {
  if (y < 1000 || y > 9999) {
    out.status = 2;
    out.reason = `has year ${y}, which is out of range`;
    return false;
  }
  if (m < 1 || m > 12) {
    out.status = 2;
    out.reason = `has month ${m}, which does not exist`;
    return false;
  }
  const dim = daysInMonth(y, m);
  if (d < 1 || d > dim) {
    out.status = 2;
    out.reason = `is not a real date: ${MONTH_LABEL[m - 1]} ${y} has ${dim} days`;
    return false;
  }
  return true;
}

/** Excel's 1900 system counts a 29 Feb 1900 that never existed; serial 60 is that day. */
function serialToParts(serial: number, out: DateResult): { y: number; m: number; d: number; hh: number; mm: number; ss: number } | null {
  const whole = Math.floor(serial);
  if (whole === 60) {
    out.status = 2;
    out.reason = 'is Excel day number 60, the 29 February 1900 that Excel invents; it is not a real date';
    return null;
  }
  const daysSince1899_12_31 = whole < 60 ? whole : whole - 1;
  const ms = Date.UTC(1899, 11, 31) + daysSince1899_12_31 * 86400000;
  const date = new Date(ms);
  let secs = Math.round((serial - whole) * 86400);
  if (secs >= 86400) secs = 86399;
  return {
    y: date.getUTCFullYear(),
    m: date.getUTCMonth() + 1,
    d: date.getUTCDate(),
    hh: Math.floor(secs / 3600),
    mm: Math.floor((secs % 3600) / 60),
    ss: secs % 60,
  };
}

/**
 * Turns scanned parts into an ISO date-time using the column's order (null = not decided).
 * Ambiguous n/n/y values fail when the order is null, naming both readings.
 */
export function resolveDate(parts: DateParts, order: DateOrder | null, out: DateResult): DateResult {
  out.status = 0;
  out.iso = '';
  out.reason = '';
  out.warning = '';
  let y = parts.year;
  let m = parts.month;
  let d = parts.day;
  let hh = parts.hour;
  let mm = parts.minute;
  let ss = parts.second;
  switch (parts.shape) {
    case 'empty':
      return out;
    case 'invalid':
      out.status = 2;
      out.reason = parts.reason || 'is not a date';
      return out;
    case 'serial': {
      const p = serialToParts(parts.serial, out);
      if (!p) return out;
      ({ y, m, d, hh, mm, ss } = p);
      break;
    }
    case 'ymd':
    case 'named':
    case 'same':
      break;
    case 'proves-dmy':
      if (order === 'mdy') {
        out.status = 2;
        out.reason = `does not fit month-first order (there is no month ${parts.a}); check the day/month order of this column`;
        return out;
      }
      d = parts.a;
      m = parts.b;
      break;
    case 'proves-mdy':
      if (order === 'dmy') {
        out.status = 2;
        out.reason = `does not fit day-first order (there is no month ${parts.b}); check the day/month order of this column`;
        return out;
      }
      m = parts.a;
      d = parts.b;
      break;
    case 'ambiguous':
      if (order === null) {
        out.status = 2;
        out.reason = `could be ${readableDay(y, parts.b, parts.a)} (day first) or ${readableDay(y, parts.a, parts.b)} (month first); choose the day/month order for this column`;
        return out;
      }
      if (order === 'dmy') {
        d = parts.a;
        m = parts.b;
      } else {
        m = parts.a;
        d = parts.b;
      }
      break;
  }
  if (!checkCalendar(y, m, d, out)) return out;
  out.status = 1;
  out.iso = isoOf(y, m, d, hh, mm, ss);
  if (y < PLAUSIBLE_FROM || y > PLAUSIBLE_TO) {
    out.warning = parts.twoDigitYear
      ? `is read as ${y} (two-digit years ${TWO_DIGIT_YEAR_PIVOT}–99 mean 19xx); check the year`
      : `is in ${y}; check the year`;
  }
  return out;
}

const scratchParts = newDateParts();

/** Allocating convenience: parse one text with a given order. */
export function parseDate(s: string, order: DateOrder | null = null): DateResult {
  return { ...resolveDate(scanDate(s, scratchParts), order, newDateResult()) };
}

/** Both readings of an ambiguous value, for the "which order?" question. */
export function bothReadings(s: string): { asDayFirst: string | null; asMonthFirst: string | null } {
  const p = scanDate(s, newDateParts());
  const dmy = resolveDate(p, 'dmy', newDateResult());
  const mdy = resolveDate(p, 'mdy', newDateResult());
  return { asDayFirst: dmy.status === 1 ? dmy.iso : null, asMonthFirst: mdy.status === 1 ? mdy.iso : null };
}

export interface DateColumnEvidence {
  readonly dayFirstProofs: number;
  readonly monthFirstProofs: number;
  readonly ambiguous: number;
  readonly ambiguousExamples: readonly string[];
  readonly proofExamples: readonly string[];
  readonly serials: number;
  /** A few of those numbers, as written. */
  readonly serialExamples: readonly string[];
  readonly twoDigitYears: number;
  readonly offsets: number;
  readonly values: number;
}

/** Collects one column's evidence for its day/month order. */
export class DateOrderDetector {
  private dmy = 0;
  private mdy = 0;
  private amb = 0;
  private serials = 0;
  private two = 0;
  private offsets = 0;
  private values = 0;
  private readonly ambExamples: string[] = [];
  private readonly proofExamples: string[] = [];
  private readonly serialExamples: string[] = [];
  private readonly parts = newDateParts();

  add(value: string): void {
    scanDate(value, this.parts);
    this.repeat(value);
  }

  /** Counts `value` again: it must be the text of the last add() (a column repeating a value). */
  repeat(value: string): void {
    const p = this.parts;
    if (p.shape === 'empty') return;
    this.values++;
    if (p.twoDigitYear) this.two++;
    if (p.offset) this.offsets++;
    switch (p.shape) {
      case 'proves-dmy':
        this.dmy++;
        if (this.proofExamples.length < 3) this.proofExamples.push(value.trim());
        break;
      case 'proves-mdy':
        this.mdy++;
        if (this.proofExamples.length < 3) this.proofExamples.push(value.trim());
        break;
      case 'ambiguous':
        this.amb++;
        if (this.ambExamples.length < 3 && !this.ambExamples.includes(value.trim())) this.ambExamples.push(value.trim());
        break;
      case 'serial':
        this.serials++;
        if (this.serialExamples.length < 3 && !this.serialExamples.includes(value.trim())) this.serialExamples.push(value.trim());
        break;
      default:
        break;
    }
  }

  evidence(): DateColumnEvidence {
    return {
      dayFirstProofs: this.dmy,
      monthFirstProofs: this.mdy,
      ambiguous: this.amb,
      ambiguousExamples: this.ambExamples,
      proofExamples: this.proofExamples,
      serials: this.serials,
      serialExamples: this.serialExamples,
      twoDigitYears: this.two,
      offsets: this.offsets,
      values: this.values,
    };
  }
}

/** What a bare number would be as an Excel date serial (1900 system), as ISO text, or null. */
export function serialReading(raw: string): string | null {
  const p = scanDate(raw, newDateParts());
  if (p.shape !== 'serial') return null;
  const r = resolveDate(p, null, newDateResult());
  return r.status === 1 ? r.iso : null;
}

export type DateOrderStatus = 'proven' | 'conflict' | 'ambiguous' | 'not-needed';

/** Majority wins a conflict; the minority's cells then fail with a message naming the order. */
export function decideDateOrder(e: DateColumnEvidence): { order: DateOrder | null; status: DateOrderStatus } {
  if (e.dayFirstProofs > 0 && e.monthFirstProofs > 0) {
    return { order: e.dayFirstProofs >= e.monthFirstProofs ? 'dmy' : 'mdy', status: 'conflict' };
  }
  if (e.dayFirstProofs > 0) return { order: 'dmy', status: 'proven' };
  if (e.monthFirstProofs > 0) return { order: 'mdy', status: 'proven' };
  if (e.ambiguous > 0) return { order: null, status: 'ambiguous' };
  return { order: null, status: 'not-needed' };
}
