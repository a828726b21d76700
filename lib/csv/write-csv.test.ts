import { describe, expect, it } from 'vitest';
import { csvLine, neutraliseFormula, toCsv } from './write-csv';

describe('formula-safe CSV', () => {
  it('neutralises text that Excel would run as a formula', () => {
    for (const text of ['=SUM(A1)', '+1+1', '-2+3', '@cmd', '\tx', '\rx']) expect(neutraliseFormula(text)).toBe(`'${text}`);
  });
  it('leaves real numbers, including negatives, as numbers', () => {
    expect(csvLine([-2, 12.5, '-2', '-1,200.50'])).toBe('-2,12.5,-2,"-1,200.50"');
    expect(neutraliseFormula('ABC-1')).toBe('ABC-1');
  });
  it('quotes commas, quotes and line breaks, and starts with a BOM for Excel', () => {
    expect(toCsv([['a', 'b'], ['x,y', 'say "hi"\nthere']])).toBe('\uFEFFa,b\r\n"x,y","say ""hi""\nthere"\r\n');
  });
});
