import { describe, expect, it } from 'vitest';
import { getDataset } from '@/lib/datasets/registry';
import type { DatasetId } from '@/lib/datasets/field-def';
import { ImportTable } from './import-table';
import { ImportSession } from './import-session';
import type { ValidationSummary } from './import-types';
import { checkedAtText } from './product-references';

const AT = '2026-12-03T18:40:12.000Z';
const LATER = '2026-12-03T19:05:00.000Z';

const SALES = [
  ['Invoice', 'SKU', 'Date', 'Qty'],
  ['1', 'A', '2024-01-05', '2'],
  ['1', 'B', '2024-01-05', '1'],
  ['2', 'A', '2024-01-06', '3'],
  ['2', 'X9', '2024-01-06', '1'],
  ['3', 'Z1', '2024-01-07', '-1'],
];

function addsUp(v: ValidationSummary): void {
  expect(v.valid + v.withErrors + v.skipped!).toBe(v.total);
}

describe('the registry names the fields that refer to a product', () => {
  it.each<[DatasetId, string[]]>([
    ['sales-orders', ['productId']],
    ['bill-of-materials', ['productId', 'componentId']],
    ['inventory', ['productId']],
    ['purchase-orders', ['productId']],
    ['products', []],
    ['suppliers', []],
    ['locations', []],
    ['customers', []],
  ])('%s: %j', (id, keys) => {
    expect(getDataset(id).fields.filter((f) => f.productReference).map((f) => f.key)).toEqual(keys);
  });
});

describe('product reference check in the import table', () => {
  it('lists the distinct codes of rows not skipped, all unchecked at first, and flags nothing', () => {
    const t = ImportTable.fromRecords(SALES, 'sales-orders');
    expect(t.productReferences()).toEqual({ fields: [{ key: 'productId', label: 'Product code' }], codes: ['A', 'B', 'X9'], unchecked: ['A', 'B', 'X9'] });
    expect(t.validation().references).toEqual({ codes: 3, uncheckedCodes: 3, checkedCodes: 0, missingCodes: 0, rowsAffected: 0, missingSample: [], checkedAt: null });
    expect(t.validation().withErrors).toBe(0);
  });

  it('a checked code StockTrim lacks is an error on that field, naming row, column, code and time', () => {
    const t = ImportTable.fromRecords(SALES, 'sales-orders');
    const v = t.setKnownProducts({ checked: ['A', 'X9'], known: ['A'], checkedAt: AT });
    expect(v).toMatchObject({ valid: 3, withErrors: 1, skipped: 1 });
    addsUp(v);
    expect(v.references).toEqual({ codes: 3, uncheckedCodes: 1, checkedCodes: 2, missingCodes: 1, rowsAffected: 1, missingSample: ['X9'], checkedAt: AT });
    expect(v.errorsByField).toEqual({ productId: 1 });
    expect(t.productReferences().unchecked).toEqual(['B']);
    const row = t.previewRow(3);
    expect(row.status).toBe('error');
    expect(row.problems).toEqual([
      {
        field: 'productId',
        severity: 'error',
        message: `Row 5, column "SKU" (Product code): "X9" is not a product in StockTrim (checked ${checkedAtText(AT)}). Import it under Products first, or correct the code.`,
      },
    ]);
    expect(checkedAtText(AT)).toBe('2026-12-03 18:40 UTC');
    const plan = t.planPush();
    expect(plan.rowsToSend).toBe(3);
  });

  it('later checks add to what is checked, and a newer answer wins', () => {
    const t = ImportTable.fromRecords(SALES, 'sales-orders');
    t.setKnownProducts({ checked: ['A', 'X9'], known: ['A'], checkedAt: AT });
    let v = t.setKnownProducts({ checked: ['B'], known: [], checkedAt: LATER });
    expect(v.references).toEqual({ codes: 3, uncheckedCodes: 0, checkedCodes: 3, missingCodes: 2, rowsAffected: 2, missingSample: ['B', 'X9'], checkedAt: LATER });
    expect(t.productReferences().unchecked).toEqual([]);
    // X9 was imported meanwhile.
    v = t.setKnownProducts({ checked: ['X9'], known: ['X9'], checkedAt: LATER });
    expect(v.references).toMatchObject({ missingCodes: 1, rowsAffected: 1, missingSample: ['B'] });
    addsUp(v);
  });

  it('an edit to a reference cell is checked against the known set at once; a skipped row drops out', () => {
    const t = ImportTable.fromRecords(SALES, 'sales-orders');
    t.setKnownProducts({ checked: ['A', 'B', 'X9'], known: ['A', 'B'], checkedAt: AT });
    let { row, summary } = t.setCell(3, 'productId', 'A');
    expect(row.status).toBe('valid');
    expect(summary.references).toMatchObject({ missingCodes: 0, rowsAffected: 0 });
    ({ row, summary } = t.setCell(0, 'productId', 'X9'));
    expect(row.problems[0]!.message).toMatch(/^Row 2, column "SKU" \(Product code\): "X9" is not a product in StockTrim/);
    expect(summary.references).toMatchObject({ missingCodes: 1, rowsAffected: 1 });
    // A code never checked is never flagged.
    ({ row, summary } = t.setCell(0, 'productId', 'NEW-1'));
    expect(row.status).toBe('valid');
    expect(t.productReferences().unchecked).toEqual(['NEW-1']);
    summary = t.setSkipped([0], true);
    expect(t.productReferences().codes).toEqual(['A', 'B']);
    addsUp(summary);
  });

  it('a BOM row is checked on both its product and its component', () => {
    const t = ImportTable.fromRecords(
      [
        ['Assembly', 'Component', 'Qty'],
        ['BIKE', 'WHEEL', '2'],
        ['BIKE', 'FRAME', '1'],
        ['CART', 'WHEEL', '4'],
      ],
      'bill-of-materials',
    );
    expect(t.productReferences().fields.map((f) => f.key)).toEqual(['productId', 'componentId']);
    expect(t.productReferences().codes).toEqual(['BIKE', 'CART', 'FRAME', 'WHEEL']);
    const v = t.setKnownProducts({ checked: ['BIKE', 'CART', 'FRAME', 'WHEEL'], known: ['BIKE', 'WHEEL'], checkedAt: AT });
    expect(v.references).toMatchObject({ checkedCodes: 4, missingCodes: 2, rowsAffected: 2, missingSample: ['CART', 'FRAME'] });
    expect(t.previewRow(1).problems.map((p) => p.field)).toEqual(['componentId']);
    expect(t.previewRow(2).problems.map((p) => p.field)).toEqual(['productId']);
  });

  it('the worker session answers productReferences and setKnownProducts, and keeps the answers through a re-read', async () => {
    const session = new ImportSession();
    const csv = SALES.map((r) => r.join(',')).join('\n');
    await session.handle('load', { file: new TextEncoder().encode(csv).buffer as ArrayBuffer, fileName: 'sales.csv', datasetId: 'sales-orders' });
    const refs = await session.handle('productReferences', undefined);
    expect(refs.codes).toEqual(['A', 'B', 'X9']);
    const v = await session.handle('setKnownProducts', { checked: refs.codes, known: ['A', 'B'], checkedAt: AT });
    expect(v.references?.missingSample).toEqual(['X9']);
    const state = await session.handle('setOptions', { delimiter: ',', encoding: 'windows-1252' });
    expect(state.validation.references?.missingSample).toEqual(['X9']);
  });
});
