import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseDelimited, parseDelimitedToArrays } from './parse-delimited';

describe('detectDelimiter', () => {
  it('picks ; for a two-column file with a final newline (case 04)', () => {
    expect(detectDelimiter('productId;stockOnHand\nABC-001;40\n')).toMatchObject({ delimiter: ';', uncertain: false });
  });

  it('picks ; over , when commas are decimal marks', () => {
    const d = detectDelimiter('sku;price;qty\nA;1,5;2\nB;2,25;3\nC;7;1\n');
    expect(d.delimiter).toBe(';');
    expect(d.uncertain).toBe(false);
  });

  it('picks tab and pipe', () => {
    expect(detectDelimiter('sku\tname\tqty\nA\tWidget, large\t1\nB\tBolt\t2\n').delimiter).toBe('\t');
    expect(detectDelimiter('sku|name|qty\nA|W|1\nB|X|2\n').delimiter).toBe('|');
  });

  it('ignores delimiters inside quotes, including quoted line breaks', () => {
    const d = detectDelimiter('sku,name,qty\nA,"Widget; large, blue",1\nB,"two\nlines; here",2\nC,Nut,3\n');
    expect(d).toMatchObject({ delimiter: ',', uncertain: false });
  });

  it('is uncertain when two delimiters fit equally', () => {
    const d = detectDelimiter('a;b,c\nd;e,f\n');
    expect(d.uncertain).toBe(true);
  });

  it('is uncertain with a single line', () => {
    expect(detectDelimiter('productId;name').uncertain).toBe(true);
  });

  it('is uncertain when nothing splits the rows, and falls back to the preferred one', () => {
    const d = detectDelimiter('productId\nABC\nDEF\n', { preferred: '\t' });
    expect(d).toMatchObject({ delimiter: '\t', uncertain: true });
  });

  it('uses the preferred delimiter to break a tie', () => {
    expect(detectDelimiter('a\tb,c\nd\te,f\n', { preferred: '\t' }).delimiter).toBe('\t');
  });

  it('tolerates a title row above the header', () => {
    const d = detectDelimiter('Stock report March\nsku,qty,price\nA,1,2\nB,2,3\nC,4,5\nD,5,6\n');
    expect(d.delimiter).toBe(',');
  });
});

describe('parseDelimited', () => {
  it('numbers records as spreadsheet rows, skipping blank rows but counting them', () => {
    const { records, rowNumbers, result } = parseDelimitedToArrays('sku,qty\r\nA,1\r\n\r\n,\r\nB,2\r\n\r\n\r\n');
    expect(records).toEqual([['sku', 'qty'], ['A', '1'], ['B', '2']]);
    expect(rowNumbers).toEqual([1, 2, 5]);
    expect(result.blankRowNumbers).toEqual([3, 4]);
    expect(result.blankRowCount).toBe(2);
  });

  it('never turns trailing blank lines into rows', () => {
    const { records, result } = parseDelimitedToArrays('sku,qty\nA,1\n\n\n   \n');
    expect(records).toHaveLength(2);
    expect(result.blankRowCount).toBe(0);
  });

  it('keeps quoted line breaks inside one record and counts records, not lines', () => {
    const { records, rowNumbers } = parseDelimitedToArrays('sku,name\r\nA,"two\r\nlines"\r\nB,"x ""quoted"" y"\r\n');
    expect(records).toEqual([['sku', 'name'], ['A', 'two\r\nlines'], ['B', 'x "quoted" y']]);
    expect(rowNumbers).toEqual([1, 2, 3]);
  });

  it('keeps everything as strings (no dynamic typing)', () => {
    const { records } = parseDelimitedToArrays('sku,qty,flag\n00123,1e3,TRUE\n');
    expect(records[1]).toEqual(['00123', '1e3', 'TRUE']);
  });

  it('keeps ragged rows as they are, never shifted or padded', () => {
    const { records } = parseDelimitedToArrays('a,b,c\n1,2,3,4\n1,2\n');
    expect(records).toEqual([['a', 'b', 'c'], ['1', '2', '3', '4'], ['1', '2']]);
  });

  it('respects a forced delimiter', () => {
    const { records, result } = parseDelimitedToArrays('a;b\n1;2\n', { delimiter: ',' });
    expect(records).toEqual([['a;b'], ['1;2']]);
    expect(result.delimiterUncertain).toBe(false);
  });

  it('flags a quote that never closes on the row where it opens', () => {
    const result = parseDelimited('sku,name\nA,"Widget\nB,Bolt\n');
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.rowNumber).toBe(2);
    expect(result.problems[0]!.message).toMatch(/^Row 2: a quoted value .* never closed/);
    expect(result.store.parseError(1)).toMatch(/never closed/);
  });

  it('gives the same records whatever the chunk size (quotes across chunk boundaries)', () => {
    const lines = ['sku,name,qty'];
    for (let i = 0; i < 300; i++) lines.push(`S${i},"name ${i}\nsecond, line",${i}`);
    const text = lines.join('\r\n') + '\r\n';
    const big = parseDelimitedToArrays(text);
    const small = parseDelimitedToArrays(text, { chunkSize: 97 });
    expect(small.records).toEqual(big.records);
    expect(small.rowNumbers).toEqual(big.rowNumbers);
    expect(big.records).toHaveLength(301);
    expect(big.rowNumbers[300]).toBe(301);
  });

  it('reports progress up to 1', () => {
    const seen: number[] = [];
    parseDelimited('a,b\n'.repeat(1000), { chunkSize: 500, onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(3);
    expect(seen[seen.length - 1]).toBe(1);
  });
});
