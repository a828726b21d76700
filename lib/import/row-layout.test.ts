import { describe, expect, it } from 'vitest';
import { productsImportDataset } from '@/lib/datasets/products-import';
import { foldRows } from '@/lib/server/push/fold-rows';
import { ImportTable } from './import-table';
import type { PushRow } from './import-types';
import { groupByOrderKey } from './order-key';

const products = (records: string[][]) => ImportTable.fromRecords(records, 'products');

function pushed(t: ImportTable): PushRow[] {
  const plan = t.planPush();
  return Array.from({ length: plan.batchCount }, (_, i) => t.getPushBatch(i)).flat();
}

function folded(t: ImportTable) {
  return groupByOrderKey(productsImportDataset.orderKey!, pushed(t)).map((g) => foldRows(productsImportDataset, g.rows));
}

describe('products in long form: one row per product and location or supplier', () => {
  const file = [
    ['SKU', 'Name', 'Location', 'On hand', 'On order'],
    ['A', 'Widget', 'AKL', '5', '1'],
    ['B', 'Bolt', 'AKL', '2', '0'],
    ['A', 'Widget', 'WLG', '3', '0'],
  ];

  it('is detected, and the stock columns are read as each row’s location figures', () => {
    const t = products(file);
    expect(t.decisions().layout).toMatchObject({ layout: 'long', detected: 'long', source: 'detected' });
    expect(t.decisions().layout?.reason).toMatch(/1 row repeats a product code/);
    expect(t.getMapping()).toMatchObject({ 'stockLocations.locationCode': 2, 'stockLocations.stockOnHand': 3, 'stockLocations.stockOnOrder': 4, stockOnHand: null, stockOnOrder: null });
    expect(t.mappingInfo().notes.join(' ')).toMatch(/"On hand" is read as On hand at the location/);
    expect(t.validation()).toMatchObject({ total: 3, valid: 3, withErrors: 0 });
  });

  it('groups the rows into one product each, never split across batches', () => {
    const t = products(file);
    const plan = t.planPush(1);
    expect(plan).toMatchObject({ rowsToSend: 3, orderCount: 2, orderNoun: 'products' });
    expect(Array.from({ length: plan.batchCount }, (_, i) => t.getPushBatch(i).map((r) => r.rowNumber))).toEqual([[2, 4], [3]]);
    expect(folded(t).map((f) => f.record)).toEqual([
      {
        productId: 'A',
        name: 'Widget',
        stockLocations: [
          { locationCode: 'AKL', stockOnHand: 5, stockOnOrder: 1 },
          { locationCode: 'WLG', stockOnHand: 3, stockOnOrder: 0 },
        ],
      },
      { productId: 'B', name: 'Bolt', stockLocations: [{ locationCode: 'AKL', stockOnHand: 2, stockOnOrder: 0 }] },
    ]);
  });

  it('a product and location twice is an error naming both', () => {
    const t = products([...file, ['A', 'Widget', 'AKL', '9', '0']]);
    expect(t.validation()).toMatchObject({ valid: 3, withErrors: 1 });
    expect(t.previewRow(3).problems[0]!.message).toBe(
      'Row 5: repeats Product code "A" and Location code "AKL" from row 2; each combination of Product code, Location code and Listed supplier code may appear once in a file, so this later row is not sent.',
    );
  });

  it('rows of one product that disagree on the product’s own fields are refused together, with the reason', () => {
    const t = products([...file.slice(0, 3), ['A', 'Widget XL', 'WLG', '3', '0']]);
    const a = folded(t)[0]!;
    expect([...a.conflicts]).toEqual([[4, 'Row 4, Name: "Widget XL" differs from row 2\'s "Widget"; the rows of one product must agree, so none of them is sent.']]);
  });

  it('location figures without a location code are an error at the code', () => {
    const t = products([...file, ['C', 'Cog', '', '4', '0']]);
    const row = t.previewRow(3);
    expect(row.status).toBe('error');
    expect(row.problems.map((p) => p.message)).toEqual([
      'Row 5, column "Location" (Location code): "" is empty, but this row gives On hand at the location, which needs a Location code to say where it belongs.',
    ]);
  });

  it('supplier rows become the product’s suppliers', () => {
    const t = products([
      ['SKU', 'Supplier ID', 'Supplier SKU'],
      ['A', 'S1', 'S1-A'],
      ['A', 'S2', 'S2-A'],
    ]);
    expect(t.decisions().layout?.layout).toBe('long');
    expect(folded(t).map((f) => f.record)).toEqual([
      {
        productId: 'A',
        suppliers: [
          { supplierId: 'S1', supplierSkuCode: 'S1-A' },
          { supplierId: 'S2', supplierSkuCode: 'S2-A' },
        ],
      },
    ]);
  });

  it('the user can say the file is one row per product: repeats are then errors', () => {
    const t = products(file);
    t.setReadingOptions({ layout: 'single' });
    expect(t.decisions().layout).toMatchObject({ layout: 'single', detected: 'long', source: 'user' });
    expect(t.validation()).toMatchObject({ valid: 2, withErrors: 1 });
  });
});

describe('products in wide form: one column per location', () => {
  const file = [
    ['SKU', 'Name', 'Stock AKL', 'Stock WLG', 'On order AKL'],
    ['A', 'Widget', '5', '3', '2'],
    ['B', 'Bolt', '', '7', ''],
  ];

  it('is detected from the headers, each column a field of its own', () => {
    const t = products(file);
    expect(t.decisions().layout).toMatchObject({
      layout: 'wide',
      locationColumns: [
        { columnIndex: 2, columnLabel: 'Stock AKL', field: 'stockLocations.stockOnHand', locationCode: 'AKL' },
        { columnIndex: 3, columnLabel: 'Stock WLG', field: 'stockLocations.stockOnHand', locationCode: 'WLG' },
        { columnIndex: 4, columnLabel: 'On order AKL', field: 'stockLocations.stockOnOrder', locationCode: 'AKL' },
      ],
    });
    expect(t.dataset.fields.slice(-3).map((f) => f.label)).toEqual(['On hand at the location: AKL', 'On hand at the location: WLG', 'On order at the location: AKL']);
    expect(t.previewRow(0).cells['stockLocations.stockOnHand@WLG']).toEqual({ raw: '3', value: 3, edited: false });
  });

  it('folds the columns into the product’s stock locations; empty cells give no figure', () => {
    expect(folded(products(file)).map((f) => f.record)).toEqual([
      {
        productId: 'A',
        name: 'Widget',
        stockLocations: [
          { locationCode: 'AKL', stockOnHand: 5, stockOnOrder: 2 },
          { locationCode: 'WLG', stockOnHand: 3 },
        ],
      },
      { productId: 'B', name: 'Bolt', stockLocations: [{ locationCode: 'WLG', stockOnHand: 7 }] },
    ]);
  });

  it('a bad figure names the row, the column and the value', () => {
    const t = products([...file, ['C', 'Cog', 'lots', '1', '']]);
    expect(t.previewRow(2).problems.map((p) => p.message)).toEqual([
      'Row 4, column "Stock AKL" (On hand at the location: AKL): "lots" is not a number; On hand at the location: AKL takes a number.',
    ]);
  });

  it('the user can turn it off: the columns are then not read', () => {
    const t = products(file);
    t.setReadingOptions({ layout: 'single' });
    expect(t.dataset.fields.some((f) => f.key.includes('@'))).toBe(false);
    expect(t.mappingInfo().unmapped).toEqual([2, 3, 4]);
    expect(folded(t)[0]!.record).toEqual({ productId: 'A', name: 'Widget' });
  });
});

describe('products with one row each', () => {
  it('is the layout when no list field is mapped, and repeated codes stay errors', () => {
    const t = products([
      ['SKU', 'Name'],
      ['A', 'x'],
      ['A', 'y'],
    ]);
    expect(t.decisions().layout).toMatchObject({ layout: 'single', detected: 'single' });
    expect(t.validation()).toMatchObject({ valid: 1, withErrors: 1 });
  });
});
