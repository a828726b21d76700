import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './write-csv';

describe('formula-safe CSV', () => {
  it('neutralises text that Excel would run as a formula', () => {
    for (const text of ['=SUM(A1)', '+1+1', '-2+3', '@cmd', '\tx', '\rx']) expect(neutraliseCell(text)).toBe(`'${text}`);
  });
  it('leaves real numbers, including negatives, as numbers', () => {
    expect(neutraliseCell(-2)).toBe('-2');
    expect(neutraliseCell(12.5)).toBe('12.5');
    expect(neutraliseCell('ABC-1')).toBe('ABC-1');
  });
  it('quotes commas, quotes and line breaks', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"\nthere']])).toBe('a,b\r\n"x,y","say ""hi""\nthere"\r\n');
  });
});
