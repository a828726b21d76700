import { describe, expect, it } from 'vitest';
import { DateOrderDetector, bothReadings, decideDateOrder, parseDate, type DateOrder } from './coerce-date';

const iso = (s: string, order: DateOrder | null = null) => {
  const r = parseDate(s, order);
  return r.status === 1 ? r.iso : r.status === 0 ? null : `error: ${r.reason}`;
};

function decide(values: string[]) {
  const d = new DateOrderDetector();
  for (const v of values) d.add(v);
  return decideDateOrder(d.evidence());
}

describe('parseDate', () => {
  it('reads ISO dates and date-times, output without offset', () => {
    expect(iso('2010-12-01 08:26:00')).toBe('2010-12-01T08:26:00');
    expect(iso('2024-01-08')).toBe('2024-01-08T00:00:00');
    expect(iso('2024-01-08T10:15')).toBe('2024-01-08T10:15:00');
    expect(iso('2024-01-08T10:15:30.123')).toBe('2024-01-08T10:15:30');
    expect(iso('2024/1/8')).toBe('2024-01-08T00:00:00');
    expect(iso('2024.01.08')).toBe('2024-01-08T00:00:00');
    expect(iso('20240108')).toBe('2024-01-08T00:00:00');
  });

  it('keeps the clock time of values with a time zone (StockTrim takes local times)', () => {
    expect(iso('2024-01-08T10:00:00Z')).toBe('2024-01-08T10:00:00');
    expect(iso('2024-01-08 10:00:00 +0300')).toBe('2024-01-08T10:00:00');
    expect(iso('2024-01-08T10:00:00-05:00')).toBe('2024-01-08T10:00:00');
  });

  it('day-first and month-first by the column order', () => {
    expect(iso('03/04/2024', 'dmy')).toBe('2024-04-03T00:00:00');
    expect(iso('03/04/2024', 'mdy')).toBe('2024-03-04T00:00:00');
    expect(iso('31.12.2019', 'dmy')).toBe('2019-12-31T00:00:00');
    expect(iso('12-1-2010 8:26', 'mdy')).toBe('2010-12-01T08:26:00');
    expect(iso('1/2/2024 3:05 PM', 'mdy')).toBe('2024-01-02T15:05:00');
    expect(iso('1/2/2024 12:00 AM', 'mdy')).toBe('2024-01-02T00:00:00');
  });

  it('refuses an ambiguous value when the order is unknown, naming both readings', () => {
    expect(iso('03/04/2024')).toMatch(/could be 3 April 2024 \(day first\) or 4 March 2024 \(month first\)/);
    expect(iso('02/02/2019')).toBe('2019-02-02T00:00:00');
    expect(iso('15/04/2024')).toBe('2024-04-15T00:00:00');
    expect(iso('04/15/2024')).toBe('2024-04-15T00:00:00');
  });

  it('a value that contradicts the column order is an error, not a silent swap', () => {
    expect(iso('15/04/2024', 'mdy')).toMatch(/does not fit month-first order/);
    expect(iso('04/15/2024', 'dmy')).toMatch(/does not fit day-first order/);
  });

  it('rejects impossible dates and times, never rolls over', () => {
    expect(iso('2024-02-30')).toMatch(/not a real date: February 2024 has 29 days/);
    expect(iso('2023-02-29')).toMatch(/February 2023 has 28 days/);
    expect(iso('2024-02-29')).toBe('2024-02-29T00:00:00');
    expect(iso('1900-02-29')).toMatch(/28 days/);
    expect(iso('2000-02-29')).toBe('2000-02-29T00:00:00');
    expect(iso('31/04/2024', 'dmy')).toMatch(/April 2024 has 30 days/);
    expect(iso('2024-13-01')).toMatch(/month 13/);
    expect(iso('2024-01-08 25:00')).toMatch(/impossible time/);
    expect(iso('2024-01-08 10:61')).toMatch(/impossible time/);
    expect(iso('13/13/2024')).toMatch(/no month/);
    expect(iso('0/5/2024', 'dmy')).toMatch(/0/);
  });

  it('two-digit years: 00–29 → 20xx, 30–99 → 19xx; four-digit years never shortened', () => {
    expect(iso('31/12/19', 'dmy')).toBe('2019-12-31T00:00:00');
    expect(iso('01/02/29', 'dmy')).toBe('2029-02-01T00:00:00');
    expect(iso('08-Jan-24')).toBe('2024-01-08T00:00:00');
    const old = parseDate('01/02/45', 'dmy');
    expect(old.iso).toBe('1945-02-01T00:00:00');
    expect(old.warning).toMatch(/two-digit years 30–99 mean 19xx/);
    expect(iso('31/12/0019', 'dmy')).toMatch(/year 19/);
    expect(iso('1/2/123', 'dmy')).toMatch(/neither 2 nor 4 digits/);
  });

  it('reads month names', () => {
    expect(iso('8 Jan 2024')).toBe('2024-01-08T00:00:00');
    expect(iso('Jan 8, 2024')).toBe('2024-01-08T00:00:00');
    expect(iso('January 8 2024 14:30')).toBe('2024-01-08T14:30:00');
    expect(iso('Mon, 8 Jan 2024')).toBe('2024-01-08T00:00:00');
    expect(iso('8 Sept 2024')).toBe('2024-09-08T00:00:00');
    expect(iso('8 Foo 2024')).toMatch(/error/);
  });

  it('reads Excel serial numbers, including the 1900 leap-year bug', () => {
    expect(iso('45292')).toBe('2024-01-01T00:00:00');
    expect(iso('45300.5')).toBe('2024-01-09T12:00:00');
    expect(iso('61')).toBe('1900-03-01T00:00:00');
    expect(iso('59')).toBe('1900-02-28T00:00:00');
    expect(iso('60')).toMatch(/29 February 1900/);
  });

  it('rejects text that is not a date', () => {
    expect(iso('yesterday')).toMatch(/error/);
    expect(iso('2024-01')).toMatch(/error/);
    expect(iso('2024-01-08 soon')).toMatch(/not a time/);
    expect(iso('')).toBeNull();
  });
});

describe('day/month order per column', () => {
  it('a value above 12 proves the order', () => {
    expect(decide(['03/04/2024', '15/04/2024', '04/12/2024'])).toEqual({ order: 'dmy', status: 'proven' });
    expect(decide(['03/04/2024', '04/15/2024'])).toEqual({ order: 'mdy', status: 'proven' });
  });

  it('nothing proves it: ambiguous', () => {
    expect(decide(['03/04/2024', '04/05/2024'])).toEqual({ order: null, status: 'ambiguous' });
  });

  it('nothing needs it', () => {
    expect(decide(['2024-04-03', '02/02/2019', ''])).toEqual({ order: null, status: 'not-needed' });
  });

  it('conflicting proofs: majority wins, reported as a conflict', () => {
    expect(decide(['13/01/2024', '14/01/2024', '01/13/2024'])).toEqual({ order: 'dmy', status: 'conflict' });
  });

  it('gives both readings for the question', () => {
    expect(bothReadings('03/04/2024')).toEqual({ asDayFirst: '2024-04-03T00:00:00', asMonthFirst: '2024-03-04T00:00:00' });
    expect(bothReadings('31/04/2024')).toEqual({ asDayFirst: null, asMonthFirst: null });
  });
});
