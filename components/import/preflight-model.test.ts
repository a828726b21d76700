import { describe, expect, it } from 'vitest';
import { count } from '@/lib/text/count';
import { barScale, dayName, describeGaps, emptyMonthRuns, monthName, niceMax, shortMonthName, unaccountedRows } from './preflight-model';

const months = (entries: [string, number][]) => entries.map(([month, lines]) => ({ month, lines }));

describe('month names', () => {
  it('names months and days without a time zone', () => {
    expect(monthName('2011-03')).toBe('March 2011');
    expect(shortMonthName('2010-12')).toBe('Dec \u201910');
    expect(dayName('2010-12-01')).toBe('1 December 2010');
    expect(dayName('2011-12-09T23:59:00Z')).toBe('9 December 2011');
    expect(monthName('2011-13')).toBe('2011-13');
  });
});

describe('gaps in the history', () => {
  it('says nothing when every month has lines', () => {
    expect(describeGaps(months([['2010-12', 4], ['2011-01', 9]]))).toBeNull();
  });
  it('names one empty month', () => {
    expect(describeGaps(months([['2011-02', 4], ['2011-03', 0], ['2011-04', 9]]))).toBe('No lines in March 2011.');
  });
  it('joins consecutive empty months into a run, within and across years', () => {
    const m = months([['2011-05', 1], ['2011-06', 0], ['2011-07', 0], ['2011-08', 0], ['2011-09', 2], ['2011-11', 0], ['2011-12', 0], ['2012-01', 0], ['2012-02', 3]]);
    expect(emptyMonthRuns(m)).toEqual([['2011-06', '2011-08'], ['2011-11', '2012-01']]);
    expect(describeGaps(m)).toBe('No lines in June to August 2011, or November 2011 to January 2012.');
  });
  it('lists three or more gaps with commas', () => {
    const m = months([['2011-01', 1], ['2011-02', 0], ['2011-03', 1], ['2011-04', 0], ['2011-05', 1], ['2011-06', 0], ['2011-07', 1]]);
    expect(describeGaps(m)).toBe('No lines in February 2011, April 2011, or June 2011.');
  });
});

describe('chart scale', () => {
  it('rounds the axis up to a readable number', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(1900)).toBe(2000);
    expect(niceMax(2100)).toBe(2500);
    expect(niceMax(4001)).toBe(5000);
    expect(niceMax(5001)).toBe(10000);
  });
  it('keeps small months visible and empty months flat', () => {
    const s = barScale([5000, 3, 0], 100);
    expect(s.max).toBe(5000);
    expect(s.height(5000)).toBe(100);
    expect(s.height(2500)).toBe(50);
    expect(s.height(3)).toBe(2);
    expect(s.height(0)).toBe(0);
  });
});

describe('counts', () => {
  it('finds rows the categories do not account for', () => {
    const p = { read: 100, valid: 90, withWarnings: 5, withErrors: 6, skippedByYou: 1, skippedByRule: 3 };
    expect(unaccountedRows(p)).toBe(0);
    expect(unaccountedRows({ ...p, read: 101 })).toBe(1);
  });
  it('formats with thousands separators', () => {
    expect(count(3684)).toBe('3,684');
  });
});
