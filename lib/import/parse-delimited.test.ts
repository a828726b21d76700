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

describe('the scanner reads exactly as papaparse does', () => {
  /** Both readings of one text: records, row numbers, blanks and problems. */
  function both(text: string, delimiter?: ',' | ';' | '\t' | '|') {
    const opts = delimiter ? { delimiter } : {};
    const fast = parseDelimitedToArrays(text, opts);
    const papa = parseDelimitedToArrays(text, { ...opts, engine: 'papaparse' });
    const view = (r: typeof fast) => ({
      records: r.records,
      rowNumbers: r.rowNumbers,
      blanks: r.result.blankRowNumbers,
      blankCount: r.result.blankRowCount,
      problems: r.result.problems,
      errors: r.records.map((_, i) => r.result.store.parseError(i) ?? null),
      fieldCounts: r.records.map((_, i) => r.result.store.fieldCount(i)),
      fields: r.records.map((rec, i) => rec.map((_, c) => r.result.store.field(i, c))),
    });
    return { fast: view(fast), papa: view(papa) };
  }

  it.each([
    ['plain LF', 'a,b,c\n1,2,3\n4,5,6\n'],
    ['CRLF with a stray CR inside a value', 'a,b\r\n1,x\ry\r\n2,z\r\n'],
    ['old Mac CR line breaks', 'a,b\r1,2\r3,4\r'],
    ['LF file with CRs left in values', 'a,b\n1,2\r\n3,4\n'],
    ['quoted delimiters, line breaks and doubled quotes', 'a,b\n"x, y","two\nlines"\n"say ""hi""",""\n"""",z\n'],
    ['quote inside an unquoted value is literal', 'a,b\n5" screen,2\nx"y"z,3\n'],
    ['trailing delimiter at the very end', 'a,b\n1,'],
    ['quoted last field at the very end', 'a,b\n1,"x"'],
    ['no final line break', 'a,b\n1,2'],
    ['blank and whitespace-only rows, between and after', 'a,b\n\n  ,\t\n1,2\n,\n""\n\n3,4\n\n\n'],
    ['a quoted blank value is blank; a quoted quote is not', 'a\n"  "\n""""\nx\n'],
    ['single column', 'sku\nA\nB\n'],
    ['unclosed quote (papaparse reads the file)', 'sku,name\nA,"Widget\nB,Bolt\n'],
    ['text after a closing quote (papaparse reads the file)', 'a,b\n"x"y,1\n2,3\n'],
    ['spaces after a closing quote (papaparse reads the file)', 'a,b\n"x"  ,1\n2,3\n'],
    ['ragged rows', 'a,b,c\n1,2,3,4\n1,2\n\n1\n'],
    ['U+001F in a value', 'a,b\nx\u001fy,2\n'],
    ['only a header', 'a,b,c'],
    ['lone quote field at the end', 'a,b\n1,"'],
  ])('%s', (_name, text) => {
    const { fast, papa } = both(text);
    expect(fast).toEqual(papa);
  });

  it('semicolons, tabs and pipes', () => {
    for (const [d, text] of [
      [';', 'a;b\n"1;5";2\n3;"x\ny"\n'],
      ['\t', 'a\tb\n"1\t5"\t2\n'],
      ['|', 'a|b\n1|2|\n'],
    ] as const) {
      const { fast, papa } = both(text, d);
      expect(fast).toEqual(papa);
    }
  });

  it('agrees on random text built from the characters that matter', () => {
    // A seeded generator, so a failure can be reproduced.
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = ['a', 'b', '1', ' ', ',', ',', ',', '\n', '\n', '\r\n', '\r', '"', '"', '""', '\t', '\u00a0'];
    for (let n = 0; n < 3000; n++) {
      const len = 1 + Math.floor(rand() * 40);
      let text = '';
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rand() * alphabet.length)]!;
      const { fast, papa } = both(text, ',');
      expect({ text, ...fast }).toEqual({ text, ...papa });
    }
  });

  it('agrees across papaparse chunk boundaries on a larger file', () => {
    const lines = ['sku,name,qty'];
    for (let i = 0; i < 3000; i++) lines.push(i % 7 === 0 ? `S${i},"name ${i}\r\nsecond, ""line""",${i}` : i % 11 === 0 ? '' : `S${i},plain ${i},${i}`);
    const text = lines.join('\r\n') + '\r\n';
    const fast = parseDelimitedToArrays(text);
    const papa = parseDelimitedToArrays(text, { engine: 'papaparse', chunkSize: 997 });
    expect(fast.records).toEqual(papa.records);
    expect(fast.rowNumbers).toEqual(papa.rowNumbers);
    expect(fast.result.blankRowNumbers).toEqual(papa.result.blankRowNumbers);
  });
});

describe('RecordStore.readColumns', () => {
  it('fills only the asked columns, unquoting as it goes', () => {
    const { result } = parseDelimitedToArrays('a,b,c\nx,"q""t",long value here\nx,"q""t",long value here!\n');
    const store = result.store;
    const out: string[] = [];
    expect(store.readColumns(1, out, [0, 1, 2])).toBe(3);
    expect(out).toEqual(['x', 'q"t', 'long value here']);
    store.readColumns(2, out, [0, 1, 2]);
    expect(out).toEqual(['x', 'q"t', 'long value here!']);
    store.readColumns(0, out, [2]);
    expect(out).toEqual(['x', 'q"t', 'c']);
  });
});
