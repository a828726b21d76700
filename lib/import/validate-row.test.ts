import { describe, expect, it } from 'vitest';
import { productsDataset } from '@/lib/datasets/products';
import { salesOrdersDataset } from '@/lib/datasets/sales-orders';
import { buildSourceColumns } from './header-match';
import { validateRow, type RowValidatorOptions } from './validate-row';
import { DEFAULT_COERCE_CONTEXT } from './coerce-value';
import type { ColumnMapping } from './import-types';

function setup(dataset: typeof productsDataset, headers: string[], mapping: ColumnMapping): RowValidatorOptions {
  return { dataset, mapping, columns: buildSourceColumns(headers, headers.length, () => []), expectedFieldCount: headers.length };
}

const sales = setup(salesOrdersDataset, ['InvoiceNo', 'StockCode', 'Quantity', 'InvoiceDate'], { orderNumber: 0, productId: 1, quantity: 2, orderDate: 3 });

describe('validateRow', () => {
  it('coerces a good row', () => {
    const r = validateRow({ ...sales, fields: ['536365', '85123A', '6', '2010-12-01 08:26:00'], rowNumber: 2 });
    expect(r).toEqual({ status: 'valid', problems: [], values: { orderNumber: '536365', productId: '85123A', quantity: 6, orderDate: '2010-12-01T08:26:00' } });
  });

  it('names the row, the column and the value', () => {
    const r = validateRow({ ...sales, fields: ['536379', 'D', 'six', '2010-12-01 09:41:00'], rowNumber: 14 });
    expect(r.status).toBe('error');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ field: 'quantity', severity: 'error' });
    expect(r.problems[0]!.message).toMatch(/^Row 14, column "Quantity": "six" /);
  });

  it('a negative sales quantity is a return, not an error: the file\'s returns choice decides what becomes of it', () => {
    const r = validateRow({ ...sales, fields: ['C536379', 'D', '-6', '2010-12-01 09:41:00'], rowNumber: 14 });
    expect(r.status).toBe('valid');
    expect(r.values.quantity).toBe(-6);
  });

  it('adds the field label when the header differs', () => {
    const r = validateRow({ ...sales, fields: ['1', 'A', '1', '2024-02-30'], rowNumber: 5 });
    expect(r.problems[0]!.message).toMatch(/^Row 5, column "InvoiceDate" \(Order date\): "2024-02-30" is not a real date/);
  });

  it('reports missing required values and unmapped required fields', () => {
    const r = validateRow({ ...sales, fields: ['1', '', '3', '2024-01-01'], rowNumber: 7 });
    expect(r.problems.map((p) => p.message)).toEqual(['Row 7, column "StockCode" (Product code): empty, but Product code is required.']);
    const unmapped = setup(salesOrdersDataset, ['sku', 'qty'], { productId: 0, quantity: 1 });
    const u = validateRow({ ...unmapped, fields: ['A', '1'], rowNumber: 3 });
    expect(u.problems.map((p) => p.message)).toEqual(['Row 3: Order date is required but no column is mapped to it.']);
  });

  it('a row with more fields than the header is an error and names the delimiter', () => {
    const opts = { ...setup(productsDataset, ['productId', 'name', 'stockOnHand'], { productId: 0, name: 1, stockOnHand: 2 }), delimiterWord: 'semicolon' };
    const r = validateRow({ ...opts, fields: ['A', 'Widget', ' large', '5'], rowNumber: 2 });
    expect(r.status).toBe('error');
    expect(r.problems[0]!.message).toBe("Row 2: 4 fields where the header has 3; a semicolon inside a value needs quotes around the value. None of this row's values are sent until it is fixed.");
  });

  it('a row with fewer fields is an error; its missing cells read as empty', () => {
    const opts = setup(salesOrdersDataset, ['productId', 'orderDate', 'quantity'], { productId: 0, orderDate: 1, quantity: 2 });
    const r = validateRow({ ...opts, fields: ['A', '2024-01-01'], rowNumber: 3 });
    expect(r.values.quantity).toBeNull();
    expect(r.problems.map((p) => p.message)).toEqual([
      "Row 3: 2 fields where the header has 3; a value is missing or the values have moved left. None of this row's values are sent until it is fixed.",
      'Row 3, column "quantity": empty, but Quantity is required.',
    ]);
  });

  it('duplicate keys are errors on the later row naming the first', () => {
    const opts = setup(productsDataset, ['sku'], { productId: 0 });
    const r = validateRow({ ...opts, fields: ['ABC'], rowNumber: 9, duplicateOfRow: 4 });
    expect(r.status).toBe('error');
    expect(r.problems[0]!.message).toBe('Row 9: repeats Product code "ABC" from row 4; each Product code may appear once in a file, so this later row is not sent.');
  });

  it('edits replace the raw text; a ragged row is sent only once every mapped value is set by the user', () => {
    const opts = setup(productsDataset, ['productId', 'name', 'stockOnHand'], { productId: 0, name: 1, stockOnHand: 2 });
    const partly = validateRow({ ...opts, fields: ['A', 'Widget', ' large', '5'], rowNumber: 2, edits: { name: 'Widget, large', stockOnHand: '5' } });
    expect(partly.status).toBe('error');
    const r = validateRow({ ...opts, fields: ['A', 'Widget', ' large', '5'], rowNumber: 2, edits: { productId: 'A', name: 'Widget, large', stockOnHand: '5' } });
    expect(r.status).toBe('valid');
    expect(r.values).toEqual({ productId: 'A', name: 'Widget, large', stockOnHand: 5 });
  });

  it('warnings keep the row sendable', () => {
    const opts = { ...setup(productsDataset, ['sku', 'stock'], { productId: 0, stockOnHand: 1 }), contextFor: () => DEFAULT_COERCE_CONTEXT };
    const r = validateRow({ ...opts, fields: ['A', '1E+3'], rowNumber: 2 });
    expect(r.status).toBe('warning');
    expect(r.values.stockOnHand).toBe(1000);
  });

  it('a sales line of quantity 0 is sent, with a warning on the quantity cell', () => {
    for (const zero of ['0', '0.00', '-0']) {
      const r = validateRow({ ...sales, fields: ['536365', '85123A', zero, '2010-12-01 08:26:00'], rowNumber: 9 });
      expect(r.status).toBe('warning');
      expect(r.values.quantity).toBe(0);
      expect(r.problems).toEqual([
        { field: 'quantity', severity: 'warning', message: `Row 9, column "Quantity": "${zero}" is 0: the line is sent as a sale of nothing; delete the row if it is not a sale.` },
      ]);
    }
    // Only the registry's flagged fields: a product's stock of 0 is an ordinary figure.
    const stock = validateRow({ ...setup(productsDataset, ['sku', 'stock'], { productId: 0, stockOnHand: 1 }), fields: ['A', '0'], rowNumber: 2 });
    expect(stock).toMatchObject({ status: 'valid', problems: [] });
  });
});
