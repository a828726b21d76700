import { describe, expect, it } from 'vitest';
import { productFormFields, productLists } from '@/lib/datasets/product-field-groups';
import { clearedFieldKeys, emptyListItem, productToFormValues } from './product-form-values';

describe('product → form values', () => {
  it('shows numbers as text the form reads back, booleans as checkboxes, null as blank', () => {
    const values = productToFormValues({
      productId: 'W-1',
      serviceLevel: 0.95,
      cost: 1.125,
      leadTime: 14,
      discontinued: true,
      unstocked: null,
      name: null,
      suppliers: [{ supplierId: 'S1', supplierName: null, supplierSkuCode: 'X' }],
      stockLocations: null,
    });
    expect(values.fields).toMatchObject({ productId: 'W-1', serviceLevel: '0.95', cost: '1.125', leadTime: '14', discontinued: true, unstocked: false, name: '' });
    expect(values.suppliers).toEqual([{ supplierId: 'S1', supplierName: '', supplierSkuCode: 'X' }]);
    expect(values.stockLocations).toEqual([]);
  });

  it('starts a new product with every registry field blank', () => {
    const values = productToFormValues(null);
    expect(values.fields.productId).toBe('');
    expect(values.fields.ignoreSeasonality).toBe(false);
    expect(Object.keys(values.fields)).toEqual(productFormFields.map((f) => f.key));
    expect(emptyListItem(productLists.stockLocations)).toEqual({ locationCode: '', locationName: '', stockOnHand: '', stockOnOrder: '' });
  });

  it('lists the fields that were emptied, because StockTrim keeps a value sent blank', () => {
    const initial = productToFormValues({ productId: 'W-1', leadTime: 14, name: 'Widget', discontinued: true });
    const now = { ...initial, fields: { ...initial.fields, leadTime: '', discontinued: false } };
    expect(clearedFieldKeys(initial, now)).toEqual(['leadTime']);
  });
});

