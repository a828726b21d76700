import { describe, expect, it } from 'vitest';
import { fillEmptySchema, matchCountText, replaceSchema } from './bulk-edit-schemas';

describe('bulk-edit forms', () => {
  it('a fill needs a column and a value that is not only spaces; the value is kept as typed', () => {
    expect(fillEmptySchema.safeParse({ fieldKey: 'name', value: '  ', onlySelected: false }).success).toBe(false);
    expect(fillEmptySchema.safeParse({ fieldKey: '', value: 'x', onlySelected: false }).success).toBe(false);
    expect(fillEmptySchema.parse({ fieldKey: 'name', value: ' WH-1 ', onlySelected: true })).toEqual({ fieldKey: 'name', value: ' WH-1 ', onlySelected: true });
  });

  it('a replace needs something to find, and may replace it with nothing', () => {
    expect(replaceSchema.safeParse({ fieldKey: 'name', find: '', replace: 'x', matchCase: false, wholeCell: false }).success).toBe(false);
    expect(replaceSchema.parse({ fieldKey: 'name', find: ' USD', replace: '', matchCase: true, wholeCell: false }).replace).toBe('');
  });

  it('says how many cells match in words', () => {
    expect(matchCountText(0)).toBe('No cell matches');
    expect(matchCountText(1)).toBe('1 cell matches');
    expect(matchCountText(12)).toBe('12 cells match');
  });
});
