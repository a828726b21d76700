import { describe, expect, it } from 'vitest';
import { ImportTable } from './import-table';
import { importDelimitedBytes, importDelimitedText } from './import-pipeline';
import { DATASETS_DIR, DATASETS_MISSING, readBytes } from './test-support';
import { buildRowSchema } from './row-schema';
import { getDataset } from '@/lib/datasets/registry';

const products = (rows: string[][]) => ImportTable.fromRecords([['sku', 'name', 'stock'], ...rows], 'products');

describe('ImportTable basics', () => {
  it('summarises, maps and validates', () => {
    const t = products([['A', 'Widget', '4'], ['B', 'Bolt', 'x']]);
    expect(t.summary()).toMatchObject({ rowCount: 2, headerRowNumber: 1 });
    expect(t.getMapping()).toMatchObject({ productId: 0, name: 1, stockOnHand: 2 });
    expect(t.validation()).toMatchObject({ total: 2, valid: 1, withErrors: 1, withWarnings: 0, skipped: 0, errorsByField: { stockOnHand: 1 } });
  });

  it('a sales line of quantity 0 counts as a row with a warning, and is still sent', () => {
    const t = ImportTable.fromRecords(
      [
        ['Invoice', 'StockCode', 'Quantity', 'InvoiceDate'],
        ['1001', 'A', '3', '2024-01-05'],
        ['1001', 'B', '0', '2024-01-05'],
      ],
      'sales-orders',
    );
    expect(t.validation()).toMatchObject({ total: 2, valid: 2, withWarnings: 1, withErrors: 0, warningsByField: { quantity: 1 } });
    const warned = t.getRows({ offset: 0, limit: 10, filter: 'warnings' });
    expect(warned.rows.map((r) => r.rowNumber)).toEqual([3]);
    expect(warned.rows[0]!.problems[0]!.message).toBe('Row 3, column "Quantity": "0" is 0: the line is sent as a sale of nothing; delete the row if it is not a sale.');
    expect(t.planPush().rowsToSend).toBe(2);
  });

  it('getRows pages and filters', () => {
    const t = products(Array.from({ length: 50 }, (_, i) => [`S${i}`, 'n', i % 10 === 0 ? 'bad' : '1']));
    expect(t.getRows({ offset: 10, limit: 5 }).rows.map((r) => r.rowIndex)).toEqual([10, 11, 12, 13, 14]);
    const errs = t.getRows({ offset: 1, limit: 2, filter: 'errors' });
    expect(errs.total).toBe(5);
    expect(errs.rows.map((r) => r.rowNumber)).toEqual([12, 22]);
  });

  it('setCell revalidates the row; typing the original text back removes the edit', () => {
    const t = products([['A', 'Widget', 'x']]);
    const res = t.setCell(0, 'stockOnHand', '7');
    expect(res.row).toMatchObject({ status: 'valid', cells: { stockOnHand: { raw: '7', value: 7, edited: true } } });
    expect(res.summary).toMatchObject({ valid: 1, withErrors: 0 });
    const back = t.setCell(0, 'stockOnHand', 'x');
    expect(back.row.cells.stockOnHand!.edited).toBe(false);
    expect(back.summary.withErrors).toBe(1);
  });

  it('an edit can fill a field that has no column', () => {
    const t = ImportTable.fromRecords([['sku', 'qty'], ['A', '1']], 'sales-orders');
    expect(t.previewRow(0).status).toBe('error');
    const res = t.setCell(0, 'orderDate', '2024-01-08');
    expect(res.row.cells.orderDate).toEqual({ raw: '2024-01-08', value: '2024-01-08T00:00:00', edited: true });
    expect(res.row.status).toBe('valid');
  });

  it('duplicate keys: later rows are errors naming the first; edits and skips re-check the others', () => {
    const t = products([['A', 'x', '1'], ['B', 'y', '1'], ['A', 'z', '1'], ['A', 'w', '1']]);
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 2 });
    expect(t.previewRow(2).problems[0]!.message).toBe('Row 4: repeats Product code "A" from row 2; each Product code may appear once in a file, so this later row is not sent.');
    // Renaming the first A makes row 4 the first A.
    t.setCell(0, 'productId', 'C');
    expect(t.validation()).toMatchObject({ valid: 3, withErrors: 1 });
    expect(t.previewRow(3).problems[0]!.message).toMatch(/repeats Product code "A" from row 4/);
    // Making B an A turns it into the first A (row 3 comes before rows 4 and 5).
    t.setCell(1, 'productId', 'A');
    expect(t.previewRow(2).problems[0]!.message).toMatch(/from row 3/);
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 2 });
    // Skipping the first A lets the next one through; unskipping brings the error back.
    t.setSkipped([1], true);
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 1, skipped: 1, total: 4 });
    t.setSkipped([1], false);
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 2, skipped: 0 });
  });

  it('skipped rows are neither sent nor errors', () => {
    const t = products([['A', 'x', 'bad'], ['B', 'y', '1']]);
    t.setSkipped([0], true);
    const v = t.validation();
    expect(v.valid + v.withErrors + (v.skipped ?? 0)).toBe(v.total);
    expect(t.getRows({ offset: 0, limit: 10, filter: 'skipped' }).rows.map((r) => r.rowIndex)).toEqual([0]);
    const plan = t.planPush();
    expect(plan).toMatchObject({ rowsToSend: 1, rowsWithErrors: 0, rowsSkipped: 1 });
    expect(t.getPushBatch(0).map((r) => r.rowNumber)).toEqual([3]);
  });

  it('the push plan goes stale on change', () => {
    const t = products([['A', 'x', '1']]);
    t.planPush();
    t.setCell(0, 'name', 'y');
    expect(() => t.getPushBatch(0)).toThrow(/out of date/);
  });

  it('batches products by size', () => {
    const t = products(Array.from({ length: 1201 }, (_, i) => [`S${i}`, 'n', '1']));
    const plan = t.planPush(500);
    expect(plan.batchCount).toBe(3);
    expect(t.getPushBatch(2)).toHaveLength(201);
  });

  it('finds the header below title rows and numbers rows as the file does', () => {
    const t = importDelimitedText('Stock report\n\nsku,name,stock\nA,Widget,1\n\nB,Bolt,2\n', { fileName: 'x.csv', dataset: 'products' });
    expect(t.summary()).toMatchObject({ headerRowNumber: 3, rowCount: 2, blankRowsSkipped: 1, rowsAboveHeader: 1 });
    expect(t.getRows({ offset: 0, limit: 5 }).rows.map((r) => r.rowNumber)).toEqual([4, 6]);
    expect(t.rowIndexOf(6)).toBe(1);
    const forced = importDelimitedText('Stock report\n\nsku,name,stock\nA,Widget,1\n', { fileName: 'x.csv', dataset: 'products', options: { headerRowNumber: 1 } });
    expect(forced.summary().headerRowNumber).toBe(1);
  });

  it('treats a trailing delimiter on every row as an unnamed empty column, not ragged rows', () => {
    const t = importDelimitedText('sku,name\nA,x,\nB,y,\nC,z,\n', { fileName: 'x.csv', dataset: 'products' });
    expect(t.summary().columns.map((c) => c.label)).toEqual(['sku', 'name', '(no header) C']);
    expect(t.validation().withErrors).toBe(0);
  });

  it('a ragged row is sent only after the user has confirmed every mapped value', () => {
    const t = importDelimitedText('sku,name,stock\nA,Widget, large,5\n', { fileName: 'x.csv', dataset: 'products' });
    expect(t.previewRow(0).status).toBe('error');
    t.setCell(0, 'name', 'Widget, large');
    t.setCell(0, 'stockOnHand', '5');
    expect(t.previewRow(0).status).toBe('error');
    // Confirming a value as shown keeps it as an edit on a ragged row.
    const res = t.setCell(0, 'productId', 'A');
    expect(res.row.status).toBe('valid');
    expect(res.row.cells).toEqual({
      productId: { raw: 'A', value: 'A', edited: true },
      name: { raw: 'Widget, large', value: 'Widget, large', edited: true },
      stockOnHand: { raw: '5', value: 5, edited: true },
    });
  });

  it('handles an empty file and a header-only file', () => {
    const empty = importDelimitedText('', { fileName: 'e.csv', dataset: 'products' });
    expect(empty.validation()).toMatchObject({ total: 0, valid: 0, withErrors: 0 });
    expect(empty.summary().columns).toEqual([]);
    expect(empty.planPush()).toMatchObject({ rowsToSend: 0, batchCount: 0 });
    const header = importDelimitedText('sku,name\n', { fileName: 'h.csv', dataset: 'products' });
    expect(header.summary()).toMatchObject({ rowCount: 0, headerRowNumber: 1 });
    expect(header.validation().fileProblems).toEqual(['"h.csv" has a header row (row 1) but no data rows below it, so there is nothing to send. Check that the export included its rows.']);
  });

  it('remapping revalidates everything', () => {
    const t = products([['A', 'Widget', '4']]);
    const v = t.setMapping({ productId: 1, name: null, stockOnHand: null });
    expect(v.valid).toBe(1);
    expect(t.previewRow(0).cells).toEqual({ productId: { raw: 'Widget', value: 'Widget', edited: false } });
    expect(t.mappingInfo().unmapped).toEqual([0, 2]);
  });

  it('writes rejected rows as a formula-safe CSV', () => {
    const t = products([['=EVIL()', 'x', 'bad'], ['B', 'y', '1']]);
    const csv = t.rejectedRowsCsv();
    expect(csv.startsWith('\uFEFFRow,sku,name,stock,Problems\r\n')).toBe(true);
    expect(csv).toContain(`2,'=EVIL(),x,bad,`);
    expect(csv).not.toContain('\r\n3,');
  });

  it('NULL cells are read as empty when the file has them, and the user can turn that off', () => {
    const t = products([['A', 'x', 'NULL'], ['B', 'y', '2']]);
    expect(t.decisions()).toMatchObject({ nullAsBlank: true, nullCellsSeen: 1 });
    expect(t.previewRow(0).cells.stockOnHand!.value).toBeNull();
    t.setReadingOptions({ nullAsBlank: false });
    expect(t.previewRow(0).status).toBe('error');
  });
});

describe.skipIf(!DATASETS_DIR)(DATASETS_DIR ? 'ImportTable on real files' : `ImportTable on real files — ${DATASETS_MISSING}`, () => {
  it('whole online_retail_uci_first20k.csv: counts add up', () => {
    const t = importDelimitedBytes(readBytes(DATASETS_DIR!, 'online_retail_uci_first20k.csv'), { fileName: 'retail.csv', dataset: 'sales-orders' });
    const v = t.validation();
    expect(v.total).toBe(20000);
    // The cancellations (negative quantities) are returns, excluded by default: skipped, not errors.
    expect(v.withErrors).toBe(0);
    expect(v.skipped).toBeGreaterThan(0);
    expect(v.skipReasons).toEqual([{ reason: 'returns and cancellations (negative quantity), not sent as sales', count: v.skipped, kind: 'returns' }]);
    expect(v.valid + v.withErrors + v.skipped!).toBe(v.total);
    const plan = t.planPush();
    expect(plan.rowsToSend + plan.rowsWithErrors + plan.rowsSkipped!).toBe(v.total);
    let sent = 0;
    const refs = new Set<string>();
    const schema = buildRowSchema(getDataset('sales-orders'));
    for (let i = 0; i < plan.batchCount; i++) {
      const b = t.getPushBatch(i);
      sent += b.length;
      for (const r of b) {
        refs.add(r.values.externalReferenceId as string);
        if (i % 10 === 0) expect(schema.safeParse(r.values).success).toBe(true);
      }
    }
    expect(sent).toBe(plan.rowsToSend);
    expect(refs.size).toBe(sent);
    expect(t.decisions().codeColumns).toEqual([{ field: 'customerCode', columnIndex: 6, columnLabel: 'CustomerID', stripTrailingZeroDecimal: true, source: 'detected' }]);
    expect(t.previewRow(0).cells.customerCode).toEqual({ raw: '17850.0', value: '17850', edited: false });
  });

  it('AdventureWorks products: everything valid, codes from ProductNumber, NULL weights empty', () => {
    const t = importDelimitedBytes(readBytes(DATASETS_DIR!, 'adventureworks_product.csv'), { fileName: 'aw.csv', dataset: 'products' });
    expect(t.validation()).toMatchObject({ total: 504, valid: 504, withErrors: 0 });
    const first = t.previewRow(0);
    expect(first.cells.productId!.value).toBe('AR-5381');
    expect(first.cells.weight!.value).toBeNull();
  });

  it('Shopify export: quoted HTML with line breaks parses into 2,307 records; image rows are skipped, not errors', () => {
    const t = importDelimitedBytes(readBytes(DATASETS_DIR!, 'voltaat_shopify_products_export.csv'), { fileName: 'shopify.csv', dataset: 'products' });
    const v = t.validation();
    expect(v.total).toBe(2307);
    // 1,220 variant rows (20 of them coded by their Handle); the gift card's 3 later variants
    // repeat its Handle and are the only errors. 1,087 image-only rows are skipped.
    expect(v.valid).toBe(1217);
    expect(v.withErrors).toBe(3);
    expect(v.skipReasons).toEqual([{ reason: 'image-only rows of the product above — not products', count: 1087, kind: 'continuation' }]);
    expect(v.valid + v.withErrors + (v.skipped ?? 0)).toBe(v.total);
  });
});

describe('a required figure with no column', () => {
  it('inventory without stock on order says why it cannot be guessed and what to add', () => {
    const t = ImportTable.fromRecords([['sku', 'on hand'], ['A', '40']], 'inventory');
    const problem = (t.validation().fileProblems ?? []).find((p) => p.startsWith('Stock on order is required'));
    expect(problem).toBe(
      'Stock on order is required but no column is mapped to it, so no row can be sent. StockTrim sets a stock-on-order figure that is left out to 0, so the dashboard never sends one by guessing: add a column with the units on order (0 where nothing is on order) to the file and map it.',
    );
  });
});

describe('plain numbers in a date column', () => {
  const csv = 'orderNumber,productId,CustomerID,quantity\n1,A,18269,1\n2,B,45292,1\n';
  it('are errors by default (CustomerID mapped to Order date), with a per-column decision showing what they would become', () => {
    const t = importDelimitedText(csv, { fileName: 's.csv', dataset: 'sales-orders' });
    t.setMapping({ ...t.getMapping(), orderDate: 2 });
    const v = t.validation();
    expect(v.valid).toBe(0);
    expect(v.withErrors).toBe(2);
    const d = t.decisions().dateColumns.find((c) => c.field === 'orderDate')!;
    expect(d.serials).toMatchObject({ count: 2, read: false, source: 'default' });
    expect(d.serials!.examples).toEqual([
      { raw: '18269', asDate: '1950-01-06T00:00:00' },
      { raw: '45292', asDate: '2024-01-01T00:00:00' },
    ]);
    expect(v.fileProblems!.some((p) => /2 plain numbers where dates are expected/.test(p))).toBe(true);
  });

  it('are read as Excel date serials only when the user chooses it for that column', () => {
    const t = importDelimitedText(csv, { fileName: 's.csv', dataset: 'sales-orders' });
    t.setMapping({ ...t.getMapping(), orderDate: 2 });
    t.setReadingOptions({ dateSerials: { 2: true } });
    expect(t.previewRow(1).cells.orderDate!.value).toBe('2024-01-01T00:00:00');
    expect(t.previewRow(1).status).not.toBe('error');
    expect(t.decisions().dateColumns[0]!.serials).toMatchObject({ read: true, source: 'user' });
  });
});

describe('an unproven decimal mark', () => {
  const csv = 'productId;price\nA;1.234\nB;2,500\nC;7\n';
  it('flags every single-separator, three-digit value (either mark), and shows exactly those as examples', () => {
    const t = importDelimitedText(csv, { fileName: 'p.csv', dataset: 'products' });
    const field = Object.entries(t.getMapping()).find(([, c]) => c === 1)![0];
    const nf = t.decisions().numberFormat;
    expect(nf).toMatchObject({ decimal: '.', uncertain: true, decimalProven: false });
    const rows = t.getRows({ offset: 0, limit: 10 }).rows;
    const flagged = rows.filter((r) => r.problems.some((p) => /is ambiguous/.test(p.message))).map((r) => r.cells[field]!.raw);
    expect(flagged).toEqual(['1.234', '2,500']);
    expect([...nf.ambiguousExamples].sort()).toEqual([...flagged].sort());
    expect(rows[2]!.cells[field]!.value).toBe(7);
  });

  it('once the user confirms the decimal mark, only values with that mark stay questions', () => {
    const t = importDelimitedText(csv, { fileName: 'p.csv', dataset: 'products' });
    const field = Object.entries(t.getMapping()).find(([, c]) => c === 1)![0];
    t.setReadingOptions({ numberFormat: { decimal: '.' } });
    const rows = t.getRows({ offset: 0, limit: 10 }).rows;
    expect(rows[1]!.cells[field]!.value).toBe(2500);
    expect(rows[0]!.status).toBe('error');
    expect(t.decisions().numberFormat.ambiguousExamples).toEqual(['1.234']);
  });
});

describe('re-importing our own rejected-rows CSV', () => {
  it('removes the apostrophe that neutralised formula-looking text, counts it in the summary, and keeps other apostrophes', () => {
    const t = products([
      ['=HYPERLINK("http://x","y")', 'Widget', 'bad'],
      ['B', "'Tis the season", 'bad'],
      ['C', '-dash', 'bad'],
    ]);
    const csv = t.rejectedRowsCsv();
    expect(csv).toContain(`'=HYPERLINK`);
    const back = importDelimitedText(csv, { fileName: 'rejected.csv', dataset: 'products' });
    const rows = back.getRows({ offset: 0, limit: 10 }).rows;
    expect(rows[0]!.cells.productId!.value).toBe('=HYPERLINK("http://x","y")');
    expect(rows[1]!.cells.name!.value).toBe("'Tis the season");
    expect(rows[2]!.cells.name!.value).toBe('-dash');
    expect(back.summary().notes.some((n) => /^2 text cells start with an apostrophe/.test(n))).toBe(true);
  });
});

describe('duplicate product codes: keep first / keep last / fix', () => {
  const rows = [['A', 'Widget', '1'], ['B', 'Bolt', '2'], ['A', 'Widget v2', '3'], ['A', 'Widget v3', '4']];
  it('fix (the default): later occurrences are errors, as before', () => {
    const t = products(rows);
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 2, skipped: 0 });
    expect(t.decisions().duplicates).toMatchObject({ choice: 'fix', source: 'default', rows: 2 });
  });

  it('keep first: the others are skipped by that choice, with the row they duplicate', () => {
    const t = products(rows);
    const v = t.setReadingOptions({ duplicates: 'first' });
    expect(v).toMatchObject({ total: 4, valid: 2, withErrors: 0, skipped: 2, skippedByYou: 0 });
    expect(v.skipReasons!.find((r) => r.kind === 'duplicate')!.count).toBe(2);
    const shown = t.getRows({ offset: 0, limit: 10 }).rows;
    expect(shown.map((r) => r.skipReason ?? null)).toEqual([null, null, 'duplicate of row 2 (keeping the first)', 'duplicate of row 2 (keeping the first)']);
    t.planPush();
    expect(t.getPushBatch(0).map((r) => r.values.name)).toEqual(['Widget', 'Bolt']);
  });

  it('keep last: the last occurrence goes, earlier ones are skipped; edits and hand skips move it', () => {
    const t = products(rows);
    t.setReadingOptions({ duplicates: 'last' });
    expect(t.getRows({ offset: 0, limit: 10 }).rows.map((r) => r.skipReason ?? null)).toEqual([
      'duplicate of row 5 (keeping the last)',
      null,
      'duplicate of row 5 (keeping the last)',
      null,
    ]);
    t.planPush();
    expect(t.getPushBatch(0).map((r) => r.values.name)).toEqual(['Bolt', 'Widget v3']);
    const v = t.setSkipped([3], true);
    expect(v).toMatchObject({ valid: 2, skipped: 2, skippedByYou: 1 });
    expect(t.previewRow(2).skipped).toBe(false);
    const e = t.setCell(2, 'productId', 'C');
    expect(e.summary).toMatchObject({ valid: 3, skipped: 1, edited: 1 });
    expect(t.previewRow(0).skipped).toBe(false);
  });
});

describe.skipIf(!DATASETS_DIR)(DATASETS_DIR ? 'online retail as Products, keep first' : `online retail — ${DATASETS_MISSING}`, () => {
  it('sends one row per distinct StockCode and skips the rest, counts adding up', () => {
    const t = importDelimitedBytes(readBytes(DATASETS_DIR!, 'online_retail_uci_first20k.csv'), { fileName: 'retail.csv', dataset: 'products' });
    const cols = t.summary().columns;
    const col = (h: string) => cols.find((c) => c.header === h)!.index;
    const mapping = Object.fromEntries(Object.keys(t.getMapping()).map((k) => [k, null])) as Record<string, number | null>;
    t.setMapping({ ...mapping, productId: col('StockCode'), name: col('Description') });
    const before = t.validation();
    expect(before.withErrors).toBeGreaterThan(1000);
    const v = t.setReadingOptions({ duplicates: 'first' });
    const codes = new Set<string>();
    const text = new TextDecoder().decode(readBytes(DATASETS_DIR!, 'online_retail_uci_first20k.csv'));
    const lines = importDelimitedText(text, { fileName: 'r.csv', dataset: 'products' });
    for (const r of lines.getRows({ offset: 0, limit: 10_000 }).rows.concat(lines.getRows({ offset: 10_000, limit: 10_000 }).rows)) {
      const code = r.source![col('StockCode')]!.trim();
      if (code !== '') codes.add(code);
    }
    expect(v.withErrors).toBe(0);
    expect(v.valid).toBe(codes.size);
    expect(v.valid + v.withErrors + v.skipped!).toBe(v.total);
    expect(v.skipReasons!.find((r) => r.kind === 'duplicate')!.count).toBe(v.total - codes.size);
    const plan = t.planPush();
    expect(plan.rowsToSend).toBe(codes.size);
    expect(plan.rowsSkipped).toBe(v.total - codes.size);
  });
});
