/**
 * Every file in ../shared/cases, read as bytes and run through the whole pipeline
 * (decode → parse → header row → mapping → validation), asserting what its README asks for.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { importDelimitedBytes } from './import-pipeline';
import type { ImportTable } from './import-table';
import type { DatasetId } from '@/lib/datasets/field-def';
import { CASES_DIR, CASES_MISSING, readBytes } from './test-support';
import { csvLine, neutraliseFormula } from '@/lib/csv/write-csv';
import { buildRowSchema } from './row-schema';
import { getDataset } from '@/lib/datasets/registry';

function load(name: string, dataset: DatasetId, options = {}): ImportTable {
  return importDelimitedBytes(readBytes(CASES_DIR!, name), { fileName: name, dataset, options });
}

function values(t: ImportTable) {
  return t.getRows({ offset: 0, limit: 100 }).rows.map((r) => Object.fromEntries(Object.entries(r.cells).map(([k, c]) => [k, c.value])));
}

function messages(t: ImportTable, rowIndex: number): string[] {
  return t.previewRow(rowIndex).problems.map((p) => p.message);
}

/** Every row ends sent, skipped or rejected with a reason. */
function expectAccounted(t: ImportTable) {
  const v = t.validation();
  expect(v.valid + v.withErrors + (v.skipped ?? 0)).toBe(v.total);
  for (const r of t.getRows({ offset: 0, limit: 1000, filter: 'errors' }).rows) {
    expect(r.problems.some((p) => p.severity === 'error' && p.message.startsWith(`Row ${r.rowNumber}`))).toBe(true);
  }
  // What is sent passes the server's schema.
  const plan = t.planPush();
  const schema = buildRowSchema(getDataset(t.dataset.id));
  for (let b = 0; b < plan.batchCount; b++) for (const row of t.getPushBatch(b)) expect(schema.safeParse(row.values).success).toBe(true);
}

describe.skipIf(!CASES_DIR)(CASES_DIR ? 'shared cases' : `shared cases — ${CASES_MISSING}`, () => {
  it('covers every case file in the folder', () => {
    const files = readdirSync(CASES_DIR!).filter((f) => f.endsWith('.csv')).sort();
    const tested = [
      '01-utf8-bom.csv', '02-semicolon-decimal-comma.csv', '04-two-column-semicolon.csv', '05-trailing-blank-lines.csv',
      '06-duplicate-headers.csv', '09-quoted-newline.csv', '10-ragged-rows.csv', '11-leading-zeros.csv',
      '12-scientific-barcodes.csv', '14-day-first-dates.csv', '15-ambiguous-day-month.csv', '17-percent-currency.csv',
      '18-thousands-separators.csv', '20-formula-text.csv', '21-windows-1252.csv', '24-header-spaces-case.csv',
    ];
    expect(files.filter((f) => !tested.includes(f))).toEqual([]);
  });

  it('01 UTF-8 BOM: header is exactly productId, no U+FEFF anywhere', () => {
    const t = load('01-utf8-bom.csv', 'products');
    const s = t.summary();
    expect(s.encoding).toBe('utf-8');
    expect(s.columns[0]!.header).toBe('productId');
    expect(t.getMapping().productId).toBe(0);
    const all = JSON.stringify({ s, rows: t.getRows({ offset: 0, limit: 10 }), batch: (t.planPush(), t.getPushBatch(0)) });
    expect(all.includes('\uFEFF')).toBe(false);
    expect(values(t)).toEqual([{ productId: 'ABC-001', name: 'Widget', stockOnHand: 40 }]);
    expectAccounted(t);
  });

  it('02 semicolons and decimal commas: ; detected, prices 1419.06/375/7, dates day-first', () => {
    const t = load('02-semicolon-decimal-comma.csv', 'sales-orders');
    const s = t.summary();
    expect(s.delimiter).toBe(';');
    expect(s.delimiterUncertain).toBe(false);
    expect(t.decisions().numberFormat.decimal).toBe(',');
    expect(t.decisions().dateColumns[0]).toMatchObject({ field: 'orderDate', order: 'dmy', status: 'proven' });
    const v = values(t);
    expect(v.map((r) => r.unitPrice)).toEqual([1419.06, 375, 7]);
    expect(v.map((r) => r.orderDate)).toEqual(['2024-01-08T00:00:00', '2024-01-12T00:00:00', '2024-01-15T00:00:00']);
    expect(v.map((r) => r.quantity)).toEqual([21, 3, 116]);
    expect(t.validation().withErrors).toBe(0);
    // The delimiter is changeable: forcing "," reads one column and says so through the mapping.
    const forced = load('02-semicolon-decimal-comma.csv', 'sales-orders', { delimiter: ',' });
    expect(forced.summary().delimiter).toBe(',');
    expectAccounted(t);
  });

  it('04 two columns with ;: delimiter ; and stockOnHand 40', () => {
    const t = load('04-two-column-semicolon.csv', 'products');
    expect(t.summary().delimiter).toBe(';');
    expect(t.summary().columns.map((c) => c.header)).toEqual(['productId', 'stockOnHand']);
    expect(values(t)).toEqual([{ productId: 'ABC-001', stockOnHand: 40 }]);
    expectAccounted(t);
  });

  it('05 trailing blank lines: exactly one data row, no errors, file row numbers', () => {
    const t = load('05-trailing-blank-lines.csv', 'products');
    const v = t.validation();
    expect(t.summary().rowCount).toBe(1);
    expect(v.total).toBe(1);
    expect(v.withErrors).toBe(0);
    expect(t.previewRow(0).rowNumber).toBe(2);
    // quantity is not a products field: listed as unmapped, not dropped silently.
    expect(t.mappingInfo().unmapped).toEqual([1]);
    // Under the sales dataset the row is still one row, and its message cites row 2.
    const s = load('05-trailing-blank-lines.csv', 'sales-orders');
    expect(s.validation().total).toBe(1);
    expect(messages(s, 0)[0]).toMatch(/^Row 2\b/);
    expectAccounted(t);
  });

  it('06 duplicate headers: all four columns by position, duplicate flagged, user picks', () => {
    const t = load('06-duplicate-headers.csv', 'products');
    const cols = t.summary().columns;
    expect(cols.map((c) => [c.index, c.header, c.duplicate])).toEqual([
      [0, 'productId', false],
      [1, 'name', true],
      [2, 'name', true],
      [3, 'name_1', false],
    ]);
    expect(t.mappingInfo().notes.join(' ')).toMatch(/B and C are both called "name"/);
    expect(t.mappingInfo().unmapped).toEqual([2, 3]);
    expect(values(t)[0]!.name).toBe('Widget');
    t.setMapping({ ...t.getMapping(), name: 2 });
    expect(values(t)[0]!.name).toBe('Blue widget');
    t.setMapping({ ...t.getMapping(), name: 3 });
    expect(values(t)[0]!.name).toBe('Spare');
    expectAccounted(t);
  });

  it('09 quoted line break: two records, the line break kept, rows count records', () => {
    const t = load('09-quoted-newline.csv', 'products');
    const rows = t.getRows({ offset: 0, limit: 10 }).rows;
    expect(rows).toHaveLength(2);
    expect(rows[0]!.cells.name!.value).toBe('Widget\r\nlarge');
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3]);
    expect(rows.map((r) => r.cells.productId!.value)).toEqual(['ABC-001', 'ABC-002']);
    expectAccounted(t);
  });

  it('10 ragged rows: the long row is an error and never sent shifted; the short row reports the missing field', () => {
    const t = load('10-ragged-rows.csv', 'sales-orders');
    const long = t.previewRow(0);
    expect(long.status).toBe('error');
    expect(long.problems[0]!.message).toBe(
      "Row 2: 4 fields where the header has 3; a comma inside a value needs quotes around the value. None of this row's values are sent until it is fixed.",
    );
    expect(long.source).toEqual(['ABC-001', 'Widget', ' large', '5']);
    const short = t.previewRow(1);
    expect(short.status).toBe('error');
    expect(short.cells.quantity!.raw).toBe('');
    expect(short.problems.map((p) => p.message)).toContain('Row 3, column "quantity": empty, but Quantity is required.');
    const plan = t.planPush();
    expect(plan.rowsToSend).toBe(0);
    // Products dataset: same verdict on raggedness.
    const p = load('10-ragged-rows.csv', 'products');
    expect(p.validation().withErrors).toBe(2);
    expectAccounted(t);
  });

  it('11 leading zeros: codes kept exactly, only number fields converted', () => {
    const t = load('11-leading-zeros.csv', 'products');
    expect(values(t)).toEqual([
      { productId: '00123', name: 'Widget', stockOnHand: 40 },
      { productId: '0456', name: 'Bolt', stockOnHand: 7 },
    ]);
    const row = t.previewRow(0);
    expect(row.cells.productId).toEqual({ raw: '00123', value: '00123', edited: false });
    t.planPush();
    expect(t.getPushBatch(0)[0]!.values.productId).toBe('00123');
    expectAccounted(t);
  });

  it('12 scientific barcodes: damaged one is an error, long digits kept exactly, also for productId', () => {
    const t = load('12-scientific-barcodes.csv', 'products');
    const [a, b, c] = t.getRows({ offset: 0, limit: 3 }).rows;
    expect(a!.status).toBe('error');
    expect(a!.problems[0]!.message).toMatch(/^Row 2, column "barcode": "5\.01235E\+12" is in scientific notation.*[Rr]e-export the column formatted as text/);
    expect(b!.cells.barcode!.value).toBe('5012345678900');
    expect(c!.cells.barcode!.value).toBe('9007199254740993');
    // productId is a code too.
    t.setMapping({ ...t.getMapping(), productId: 2, barcode: null });
    expect(t.previewRow(0).problems[0]!.message).toMatch(/column "barcode" \(Product code\): "5\.01235E\+12" is in scientific notation/);
    expectAccounted(t);
  });

  it('14 day-first dates: original text shown, 2019-02-02 and 2019-12-31', () => {
    const t = load('14-day-first-dates.csv', 'sales-orders');
    const rows = t.getRows({ offset: 0, limit: 2 }).rows;
    expect(rows.map((r) => r.cells.orderDate!.raw)).toEqual(['02/02/2019', '31/12/2019']);
    expect(rows.map((r) => r.cells.orderDate!.value)).toEqual(['2019-02-02T00:00:00', '2019-12-31T00:00:00']);
    expectAccounted(t);
  });

  it('15 day/month decided per column: 15/04 proves day-first', () => {
    const t = load('15-ambiguous-day-month.csv', 'sales-orders');
    expect(t.decisions().dateColumns[0]).toMatchObject({ order: 'dmy', status: 'proven' });
    expect(values(t).map((r) => r.orderDate)).toEqual(['2024-04-03T00:00:00', '2024-04-15T00:00:00', '2024-12-04T00:00:00']);
    expect(t.validation().withErrors).toBe(0);
    expectAccounted(t);
  });

  it('15 without the proving row: the column is ambiguous, rows are rejected with both readings, the user decides', () => {
    const bytes = readBytes(CASES_DIR!, '15-ambiguous-day-month.csv');
    const text = new TextDecoder().decode(bytes).split('\n').filter((l) => !l.includes('15/04')).join('\n');
    const t = importDelimitedBytes(new TextEncoder().encode(text), { fileName: 'x.csv', dataset: 'sales-orders' });
    const d = t.decisions().dateColumns[0]!;
    expect(d.status).toBe('ambiguous');
    expect(d.order).toBeNull();
    expect(d.examples[0]).toEqual({ raw: '03/04/2024', asDayFirst: '2024-04-03T00:00:00', asMonthFirst: '2024-03-04T00:00:00' });
    expect(t.validation().withErrors).toBe(2);
    expect(t.validation().fileProblems!.join(' ')).toMatch(/day\/month order is unclear/);
    expect(messages(t, 0).join(' ')).toMatch(/"03\/04\/2024" could be 3 April 2024 \(day first\) or 4 March 2024 \(month first\)/);
    t.setReadingOptions({ dateOrders: { 1: 'mdy' } });
    expect(values(t).map((r) => r.orderDate)).toEqual(['2024-03-04T00:00:00', '2024-04-12T00:00:00']);
    expect(t.decisions().dateColumns[0]!.status).toBe('user');
    expectAccounted(t);
  });

  it('17 percent and currency: 0.95/0.9, 1234.56, (12.50) negative price flagged, "7 days" an error', () => {
    const t = load('17-percent-currency.csv', 'products');
    expect(t.getMapping()).toMatchObject({ productId: 0, serviceLevel: 1, price: 2, leadTime: 3 });
    const [a, b] = t.getRows({ offset: 0, limit: 2 }).rows;
    expect(a!.cells.serviceLevel!.value).toBe(0.95);
    expect(b!.cells.serviceLevel!.value).toBe(0.9);
    expect(a!.cells.price!.value).toBe(1234.56);
    expect(a!.cells.leadTime!.value).toBe(14);
    expect(a!.status).toBe('valid');
    const msgs = b!.problems.map((p) => p.message);
    expect(msgs).toContain(
      'Row 3, column "unitPrice" (Price): "(12.50)" is -12.5 (brackets mean negative in accounting), and StockTrim only accepts 0 or more for Price. Selling price of one unit.',
    );
    expect(msgs.find((m) => m.includes('"7 days"'))).toMatch(/^Row 3, column "leadTime" \(Lead time \(days\)\): "7 days" is not a plain number.*whole number/);
    expect(b!.cells.leadTime!.value).toBeNull();
    // An empty cell is null, never 0.
    t.setCell(0, 'leadTime', '');
    expect(t.previewRow(0).cells.leadTime).toEqual({ raw: '', value: null, edited: true });
    expectAccounted(t);
  });

  it('18 thousands separators: 1200, "2.500" ambiguous, 1200.5; format shown and changeable', () => {
    const t = load('18-thousands-separators.csv', 'products');
    const nf = t.decisions().numberFormat;
    expect(nf).toMatchObject({ decimal: '.', threeDigitDecimals: 'ask', source: 'detected' });
    const rows = t.getRows({ offset: 0, limit: 3 }).rows;
    expect(rows[0]!.cells.stockOnHand!.value).toBe(1200);
    expect(rows[1]!.status).toBe('error');
    expect(rows[1]!.problems[0]!.message).toMatch(/^Row 3, column "stockOnHand" \(Stock on hand\): "2\.500" is ambiguous: it could be 2\.5 or 2500/);
    expect(rows[2]!.cells.stockOnHand!.value).toBe(1200.5);
    t.setReadingOptions({ numberFormat: { decimal: '.', threeDigitDecimals: 'decimal' } });
    expect(t.previewRow(1).cells.stockOnHand!.value).toBe(2.5);
    expect(t.decisions().numberFormat.source).toBe('user');
    t.setReadingOptions({ numberFormat: { decimal: ',' } });
    // Comma-decimal: "1,200" is now the ambiguous one and "2.500" is 2500.
    expect(t.previewRow(0).status).toBe('error');
    expect(t.previewRow(1).cells.stockOnHand!.value).toBe(2500);
    expectAccounted(t);
  });

  it('20 formula-like text is imported literally; CSV we write neutralises it', () => {
    const t = load('20-formula-text.csv', 'products');
    expect(values(t).map((r) => r.name)).toEqual(['=HYPERLINK("http://example.invalid")', '-Widget']);
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutraliseFormula('-Widget')).toBe(`'-Widget`);
    expect(neutraliseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseFormula('\tx')).toBe(`'\tx`);
    expect(neutraliseFormula('-2')).toBe('-2');
    expect(csvLine(['=1+2', -2, '+3', 'ok'])).toBe(`'=1+2,-2,+3,ok`);
    expectAccounted(t);
  });

  it('21 Windows-1252: fallback detected and shown, "Café table", "€12" read as 12, no U+FFFD', () => {
    const t = load('21-windows-1252.csv', 'products');
    expect(t.summary().encoding).toBe('windows-1252');
    expect(t.summary().encodingSource).toBe('fallback');
    const row = t.previewRow(0);
    expect(row.cells.name!.value).toBe('Café table');
    expect(row.cells.price!.raw).toBe('€12');
    expect(row.cells.price!.value).toBe(12);
    expect(JSON.stringify(t.getRows({ offset: 0, limit: 5 })).includes('\uFFFD')).toBe(false);
    // Changeable: forced UTF-8 shows the damage and rejects it instead of sending it.
    const forced = load('21-windows-1252.csv', 'products', { encoding: 'utf-8' });
    expect(forced.summary().encoding).toBe('utf-8');
    expect(forced.previewRow(0).status).toBe('error');
    expect(forced.previewRow(0).problems.map((p) => p.message).join(' ')).toMatch(/could not be read; choose the file's correct encoding/);
    expectAccounted(t);
  });

  it('24 header spaces and case: normalised for matching, original header shown, unmapped listed', () => {
    const t = load('24-header-spaces-case.csv', 'products');
    expect(t.getMapping()).toMatchObject({ productId: 0, name: 1, stockOnHand: 2 });
    expect(t.summary().columns.map((c) => c.header)).toEqual([' Product ID ', 'NAME', 'Stock On Hand ']);
    expect(t.summary().columns.map((c) => c.label)).toEqual(['Product ID', 'NAME', 'Stock On Hand']);
    expect(values(t)).toEqual([{ productId: 'ABC-001', name: 'Widget', stockOnHand: 40 }]);
    expect(t.mappingInfo().unmapped).toEqual([]);
    expectAccounted(t);
  });
});
