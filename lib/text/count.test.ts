import { describe, expect, it } from 'vitest';
import { count, countOf } from './count';

describe('counts in words', () => {
  it('carry thousands separators and a singular for one', () => {
    expect(count(19691)).toBe('19,691');
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(0, 'row')).toBe('0 rows');
    expect(countOf(2307, 'row')).toBe('2,307 rows');
    expect(countOf(1, 'retry', 'retries')).toBe('1 retry');
    expect(countOf(3, 'retry', 'retries')).toBe('3 retries');
  });
});
