import { describe, expect, it } from 'vitest';
import { productFieldNames, productLocationSchema, productSupplierSchema } from '@/lib/stocktrim/contract';
import { groupFields, productField, productFieldGroups, productFormFields, productLists } from './product-field-groups';
import { productsDataset } from './products';

describe('product field groups', () => {
  it('puts every registry field that is a product property in exactly one group', () => {
    const placed = productFieldGroups.flatMap((g) => g.fieldKeys);
    expect(new Set(placed).size).toBe(placed.length);
    expect([...placed].sort()).toEqual(productFormFields.map((f) => f.key).sort());
    expect(productFormFields.length).toBeGreaterThan(30);
    expect(productFormFields.every((f) => productsDataset.fields.includes(f))).toBe(true);
  });

  it('covers every ProductsRequestDto property with a field or a list', () => {
    const covered = [...productFieldGroups.flatMap((g) => g.fieldKeys), ...productFieldGroups.flatMap((g) => g.lists)];
    expect([...covered].sort()).toEqual([...productFieldNames].sort());
  });

  it('shows each list once', () => {
    const lists = productFieldGroups.flatMap((g) => g.lists);
    expect([...lists].sort()).toEqual(Object.keys(productLists).sort());
  });

  it('describes the list items with exactly the contract properties, required where the contract requires them', () => {
    expect(productLists.suppliers.fields.map((f) => f.key)).toEqual(Object.keys(productSupplierSchema.shape));
    expect(productLists.stockLocations.fields.map((f) => f.key)).toEqual(Object.keys(productLocationSchema.shape));
    expect(productLists.suppliers.fields.filter((f) => f.required).map((f) => f.key)).toEqual(['supplierId']);
    expect(productLists.stockLocations.fields.filter((f) => f.required).map((f) => f.key)).toEqual(['locationCode']);
  });

  it('reads labels from the registry', () => {
    const supply = productFieldGroups.find((g) => g.id === 'supply')!;
    expect(groupFields(supply).find((f) => f.key === 'leadTime')?.label).toBe('Lead time (days)');
    expect(() => productField('nope')).toThrow(/no field "nope"/);
  });
});
