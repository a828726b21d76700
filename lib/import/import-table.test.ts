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
    expect(header.validation().fileProblems).toEqual([]);
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
    expect(v.valid + v.withErrors).toBe(v.total);
    expect(v.withErrors).toBeGreaterThan(0);
    expect(Object.keys(v.errorsByField ?? {})).toEqual(['quantity']);
    const plan = t.planPush();
    expect(plan.rowsToSend + plan.rowsWithErrors).toBe(v.total);
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
