/**
 * Small fixtures per kind of fault, run as bytes through the whole pipeline
 * (decode → parse → header row → mapping → validation), beside the shared cases.
 */
import { describe, expect, it } from 'vitest';
import { importDelimitedBytes } from './import-pipeline';
import type { DatasetId } from '@/lib/datasets/field-def';

const utf8 = (s: string) => new TextEncoder().encode(s);
function utf16leBom(s: string): Uint8Array {
  const out = [0xff, 0xfe];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8);
  return Uint8Array.from(out);
}
function cp1252(s: string): Uint8Array {
  const map: Record<string, number> = { '€': 0x80, '’': 0x92, '–': 0x96, '“': 0x93, '”': 0x94 };
  return Uint8Array.from([...s].map((ch) => map[ch] ?? ch.charCodeAt(0)));
}

function load(bytes: Uint8Array, dataset: DatasetId, fileName = 'f.csv') {
  const t = importDelimitedBytes(bytes, { fileName, dataset });
  const rows = t.getRows({ offset: 0, limit: 100 }).rows;
  return {
    t,
    rows,
    values: rows.map((r) => Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c.value]))),
    errors: rows.flatMap((r) => r.problems.filter((p) => p.severity === 'error').map((p) => p.message)),
  };
}

describe('encodings', () => {
  it('Excel "Unicode Text": UTF-16 LE with BOM, tab separated', () => {
    const { t, values } = load(utf16leBom('SKU\tDescription\tOn hand\r\nÄ-01\tKühlschrank\t3\r\n'), 'products', 'export.txt');
    expect(t.summary()).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(values).toEqual([{ productId: 'Ä-01', name: 'Kühlschrank', stockOnHand: 3 }]);
  });

  it('Windows-1252 with curly quotes and dashes', () => {
    const { t, values } = load(cp1252('sku,name,price\nA,Bob’s “best” – large,€1,200.50\n'.replace('€1,200.50', '"€1,200.50"')), 'products');
    expect(t.summary().encoding).toBe('windows-1252');
    expect(values).toEqual([{ productId: 'A', name: 'Bob’s “best” – large', price: 1200.5 }]);
  });

  it('UTF-8 with BOM and semicolons', () => {
    const { t, values } = load(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Artikelnummer;Name;Bestand\n0815;Schraube;12\n')]), 'products');
    expect(t.summary().columns[0]!.header).toBe('Artikelnummer');
    expect(t.summary().delimiter).toBe(';');
    expect(values[0]!.name).toBe('Schraube');
  });
});

describe('delimiters', () => {
  it('pipe', () => {
    expect(load(utf8('sku|qty on hand\nA|1\nB|2\n'), 'products').values).toEqual([{ productId: 'A', stockOnHand: 1 }, { productId: 'B', stockOnHand: 2 }]);
  });

  it('semicolon with quoted semicolons and commas inside values', () => {
    const { t, values } = load(utf8('sku;name;stock\nA;"Bolt; M6, zinc";5\nB;Nut;6\n'), 'products');
    expect(t.summary().delimiter).toBe(';');
    expect(values[0]!.name).toBe('Bolt; M6, zinc');
  });

  it('a one-column file is read, but the separator is flagged for confirmation', () => {
    const { t, values } = load(utf8('sku\nA\nB\n'), 'products');
    expect(values).toEqual([{ productId: 'A' }, { productId: 'B' }]);
    expect(t.summary().delimiterUncertain).toBe(true);
  });
});

describe('header row', () => {
  it('title rows and a blank row above the header are skipped; row numbers stay the file\'s', () => {
    const { t, rows } = load(utf8('Inventory report\nPrinted 2024-03-01\n\nSKU,Name,On hand\nA,Widget,1\nB,Bolt,x\n'), 'products');
    expect(t.summary()).toMatchObject({ headerRowNumber: 4, rowCount: 2 });
    expect(rows.map((r) => r.rowNumber)).toEqual([5, 6]);
    expect(t.previewRow(1).problems[0]!.message).toMatch(/^Row 6, column "On hand"/);
  });

  it('a header further down with blank columns on the left', () => {
    const { t, values } = load(utf8(',,\n,Stock list,\n,sku,stock\n,A,4\n'), 'products');
    expect(t.summary().headerRowNumber).toBe(3);
    expect(t.summary().columns[0]!.label).toBe('(no header) A');
    expect(values).toEqual([{ productId: 'A', stockOnHand: 4 }]);
  });
});

describe('header normalisation', () => {
  it('underscores, dots, dashes, case and brackets', () => {
    const { t } = load(utf8('Product_Code,QTY.,lead-time (days),Service Level %\nA,1,2,95%\n'), 'products');
    const m = t.getMapping();
    expect(m).toMatchObject({ productId: 0, leadTime: 2, serviceLevel: 3 });
    expect(t.mappingInfo().unmapped).toEqual([1]);
  });

  it('the same header twice stays two columns', () => {
    const { t } = load(utf8('sku,Name,name\nA,x,y\n'), 'products');
    expect(t.summary().columns.filter((c) => c.duplicate)).toHaveLength(2);
  });
});

describe('numbers', () => {
  it('a European file: decimal comma, dot grouping, currency after the number', () => {
    const { t, values } = load(utf8('sku;cost;price\nA;1.234,50;12,99 €\nB;0,5;1.000,00 €\n'), 'products');
    expect(t.decisions().numberFormat.decimal).toBe(',');
    expect(values).toEqual([{ productId: 'A', cost: 1234.5, price: 12.99 }, { productId: 'B', cost: 0.5, price: 1000 }]);
  });

  it('negatives, blanks and words', () => {
    const { values, errors } = load(utf8('sku,cost,stock\nA,(3.00),\nB,-1,-4\nC,n/a,two\n'), 'products');
    expect(values[1]!.stockOnHand).toBe(-4);
    expect(values[0]!.stockOnHand).toBeNull();
    expect(errors).toEqual([
      expect.stringMatching(/^Row 2, column "cost": "\(3\.00\)" is -3 \(brackets mean negative/),
      expect.stringMatching(/^Row 3, column "cost": "-1" is negative/),
      'Row 4, column "stock" (Stock on hand): "two" is not a number; Stock on hand takes a number.',
      'Row 4, column "cost": "n/a" is not a number; Cost takes a number.',
    ]);
  });
});

describe('dates', () => {
  it('month-first proven by 12/25', () => {
    const { t, values } = load(utf8('sku,date,qty\nA,12/25/2023,1\nB,01/02/2024,1\n'), 'sales-orders');
    expect(t.decisions().dateColumns[0]!.order).toBe('mdy');
    expect(values.map((v) => v.orderDate)).toEqual(['2023-12-25T00:00:00', '2024-01-02T00:00:00']);
  });

  it('day-first proven, and an impossible date is rejected, not rolled over', () => {
    const { values, errors } = load(utf8('sku,date,qty\nA,25.12.2023,1\nB,31.02.2024,1\n'), 'sales-orders');
    expect(values[0]!.orderDate).toBe('2023-12-25T00:00:00');
    expect(errors).toEqual(['Row 3, column "date" (Order date): "31.02.2024" is not a real date: February 2024 has 29 days.']);
  });

  it('ambiguous column: every ambiguous row rejected until the order is chosen, unambiguous ones pass', () => {
    const { t, errors } = load(utf8('sku,date,qty\nA,01/02/2024,1\nB,03/03/2024,1\nC,2024-05-06,1\n'), 'sales-orders');
    expect(t.decisions().dateColumns[0]!.status).toBe('ambiguous');
    expect(errors).toHaveLength(1);
    expect(t.validation().fileProblems!.some((p) => p.includes('"01/02/2024" could be 2024-02-01 or 2024-01-02'))).toBe(true);
  });

  it('two-digit years are expanded and shown as four digits', () => {
    const { values } = load(utf8('sku,date,qty\nA,31/12/23,1\nB,01/01/24,1\n'), 'sales-orders');
    expect(values.map((v) => v.orderDate)).toEqual(['2023-12-31T00:00:00', '2024-01-01T00:00:00']);
  });
});

describe('codes', () => {
  it('leading zeros and long numbers survive; scientific notation in productId is rejected', () => {
    const { values, errors } = load(utf8('sku,barcode\n000042,00012345678905\n1.23457E+11,4006381333931\n'), 'products');
    expect(values[0]).toEqual({ productId: '000042', barcode: '00012345678905' });
    expect(errors[0]).toMatch(/^Row 3, column "sku" \(Product code\): "1\.23457E\+11" is in scientific notation/);
  });

  it('codes from a float column lose their ".0" by a column decision the user can undo', () => {
    const { t } = load(utf8('invoice,sku,date,qty,customer\n1,A,2024-01-01,1,17850.0\n2,B,2024-01-01,1,13047.0\n'), 'sales-orders');
    expect(t.previewRow(0).cells.customerCode!.value).toBe('17850');
    t.setReadingOptions({ stripTrailingZeroDecimal: { 4: false } });
    expect(t.previewRow(0).cells.customerCode!.value).toBe('17850.0');
  });
});

describe('fractions and booleans', () => {
  it('service levels on one scale', () => {
    const { values, errors } = load(utf8('sku,service level\nA,95%\nB,0.9\nC,97.5%\nD,95\n'), 'products');
    expect(values.slice(0, 3).map((v) => v.serviceLevel)).toEqual([0.95, 0.9, 0.975]);
    expect(errors).toEqual(['Row 5, column "service level": "95" is not a fraction; Service level is a fraction, so write 95% or 0.95.']);
  });

  it('yes/no values', () => {
    const { values, errors } = load(utf8('sku,discontinued,unstocked\nA,Yes,n\nB,FALSE,1\nC,sometimes,0\n'), 'products');
    expect(values.slice(0, 2)).toEqual([
      { productId: 'A', discontinued: true, unstocked: false },
      { productId: 'B', discontinued: false, unstocked: true },
    ]);
    expect(errors[0]).toMatch(/^Row 4, column "discontinued": "sometimes" is not yes or no/);
  });
});

describe('ragged rows and duplicates', () => {
  it('long and short rows are errors; good rows around them pass', () => {
    const { t, errors } = load(utf8('sku,name,stock\nA,Bolt,1\nB,Nut, small,2\nC,Washer\nD,Pin,3\n'), 'products');
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 2 });
    expect(errors).toEqual([
      "Row 3: 4 fields where the header has 3; a comma inside a value needs quotes around the value. None of this row's values are sent until it is fixed.",
      // The shifted value is reported too, so the user sees what moved.
      'Row 3, column "stock" (Stock on hand): " small" is not a number; Stock on hand takes a number.',
      "Row 4: 2 fields where the header has 3; a value is missing or the values have moved left. None of this row's values are sent until it is fixed.",
    ]);
  });

  it('a tab file with a stray tab', () => {
    const { errors } = load(utf8('sku\tname\nA\tBolt\nB\tNut\tx\n'), 'products', 'f.tsv');
    expect(errors[0]).toMatch(/^Row 3: 3 fields where the header has 2; a tab inside a value/);
  });

  it('duplicate product codes: later rows name the first; codes differing in case are different', () => {
    const { errors, t } = load(utf8('sku,name\nA-1,x\na-1,y\nA-1,z\n A-1 ,w\n'), 'products');
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 2 });
    expect(errors).toEqual([
      'Row 4: repeats Product code "A-1" from row 2; each Product code may appear once in a file, so this later row is not sent.',
      'Row 5: repeats Product code "A-1" from row 2; each Product code may appear once in a file, so this later row is not sent.',
    ]);
  });
});
