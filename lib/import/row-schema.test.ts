import { describe, expect, it } from 'vitest';
import { productsDataset } from '@/lib/datasets/products';
import { salesOrdersDataset } from '@/lib/datasets/sales-orders';
import { buildPushRowSchema, buildRowSchema, rowSchemaErrorMessage, rowSchemaProblems } from './row-schema';

const products = buildRowSchema(productsDataset);
const sales = buildRowSchema(salesOrdersDataset);

function problems(schema: typeof products, dataset: typeof productsDataset, values: unknown, rowNumber = 5) {
  const r = schema.safeParse(values);
  if (r.success) return [];
  return rowSchemaProblems(dataset, rowNumber, r.error, values);
}

describe('buildRowSchema', () => {
  it('accepts coerced product values; optional fields may be null or absent', () => {
    expect(products.safeParse({ productId: '00123', name: 'Widget', stockOnHand: 40, serviceLevel: 0.95, leadTime: 14, discontinued: false, barcode: null }).success).toBe(true);
    expect(products.safeParse({ productId: 'A' }).success).toBe(true);
  });

  it('requires required fields and rejects unknown keys', () => {
    expect(problems(products, productsDataset, { name: 'x' })).toEqual(['Row 5, Product code: empty, but Product code is required.']);
    expect(problems(products, productsDataset, { productId: 'A', colour: 'red' })).toEqual(['Row 5: "colour" is not a field of Products.']);
    expect(problems(products, productsDataset, { productId: null })).toHaveLength(1);
  });

  it('checks types, whole numbers, min and the fraction range', () => {
    expect(problems(products, productsDataset, { productId: 'A', stockOnHand: '40' })).toEqual(['Row 5, Stock on hand: "40" is not a number.']);
    expect(problems(products, productsDataset, { productId: 'A', leadTime: 1.5 })).toEqual(['Row 5, Lead time (days): 1.5 is not a whole number.']);
    expect(problems(products, productsDataset, { productId: 'A', price: -12.5 })).toEqual(['Row 5, Price: -12.5 is below 0; Price must be 0 or more.']);
    expect(problems(products, productsDataset, { productId: 'A', serviceLevel: 95 })).toEqual(['Row 5, Service level: 95 is above 1; Service level must be at most 1.']);
    expect(problems(products, productsDataset, { productId: 'A', stockOnHand: Number.POSITIVE_INFINITY })).toHaveLength(1);
    expect(problems(products, productsDataset, { productId: 'A', discontinued: 'yes' })).toEqual(['Row 5, Discontinued: "yes" is not yes or no (true/false).']);
  });

  it('guards codes against damage the browser should have caught', () => {
    expect(problems(products, productsDataset, { productId: '5.01235E+12' })[0]).toMatch(/scientific notation/);
    expect(problems(products, productsDataset, { productId: ' A' })[0]).toMatch(/spaces at the start or end/);
    expect(problems(products, productsDataset, { productId: 'Caf\uFFFD' })[0]).toMatch(/could not be read/);
    expect(problems(products, productsDataset, { productId: '' })[0]).toMatch(/is empty/);
  });

  it('sales rows need an ISO date-time without offset and a reference of at most 100 characters', () => {
    const ok = { productId: 'A', orderDate: '2024-01-08T00:00:00', quantity: 2, externalReferenceId: 'SO1-A-1', orderNumber: 'SO1' };
    expect(sales.safeParse(ok).success).toBe(true);
    expect(problems(sales, salesOrdersDataset, { ...ok, orderDate: '2024-01-08T00:00:00Z' })[0]).toMatch(/^Row 5, Order date: "2024-01-08T00:00:00Z" is not a real date/);
    expect(problems(sales, salesOrdersDataset, { ...ok, orderDate: '2024-02-30T00:00:00' })).toHaveLength(1);
    expect(problems(sales, salesOrdersDataset, { ...ok, orderDate: '2024-01-08' })).toHaveLength(1);
    expect(problems(sales, salesOrdersDataset, { ...ok, externalReferenceId: 'x'.repeat(101) })[0]).toMatch(/longer than 100/);
    expect(problems(sales, salesOrdersDataset, { ...ok, quantity: -6 })).toEqual(['Row 5, Quantity: -6 is below 0; Quantity must be 0 or more.']);
    const noRef: Record<string, unknown> = { ...ok };
    delete noRef.externalReferenceId;
    expect(problems(sales, salesOrdersDataset, noRef)).toHaveLength(1);
  });

  it('joins problems into one message and wraps whole push rows', () => {
    const values = { productId: 'A', orderDate: 'x', quantity: -1, externalReferenceId: 'r' };
    const r = sales.safeParse(values);
    expect(r.success).toBe(false);
    if (!r.success) expect(rowSchemaErrorMessage(salesOrdersDataset, 9, r.error, values)).toMatch(/^Row 9, Order date: "x" .*\. Row 9, Quantity: -1 is below 0/);
    expect(buildPushRowSchema(productsDataset).safeParse({ rowNumber: 2, values: { productId: 'A' } }).success).toBe(true);
    expect(buildPushRowSchema(productsDataset).safeParse({ rowNumber: 0, values: { productId: 'A' } }).success).toBe(false);
  });

  it('is built from the registry: every field has a key in the schema', () => {
    for (const f of productsDataset.fields) {
      expect(products.safeParse({ productId: 'A', [f.key]: f.key === 'productId' ? 'A' : null }).success).toBe(!f.required || f.key === 'productId');
    }
  });
});
