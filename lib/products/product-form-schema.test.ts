import { describe, expect, it } from 'vitest';
import { productsRequestSchema } from '@/lib/stocktrim/contract';
import { productFormSchema } from './product-form-schema';
import { type ProductFormValues, productToFormValues } from './product-form-values';
import { toProductsRequest } from './product-upsert';

function form(fields: Record<string, string | boolean>, more: Partial<ProductFormValues> = {}): ProductFormValues {
  const base = productToFormValues(null);
  return { ...base, ...more, fields: { ...base.fields, ...fields } };
}

function errorsOf(values: ProductFormValues): Record<string, string> {
  const result = productFormSchema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('form values → payload', () => {
  it('reads numbers and percentages the way people type them', () => {
    const result = productFormSchema.parse(form({ productId: ' W-1 ', serviceLevel: '95%', cost: '$1,200.50', minimumOrderQuantity: '200', leadTime: '14' }));
    expect(result.values).toMatchObject({ productId: 'W-1', serviceLevel: 0.95, cost: 1200.5, minimumOrderQuantity: 200, leadTime: 14, name: null });
  });

  it('reads back every number it displays, including three decimals', () => {
    const shown = productToFormValues({ productId: 'W-1', cost: 1.125, weight: 2.5, price: 1200, serviceLevel: 0.975 });
    const result = productFormSchema.parse(shown);
    expect(result.values).toMatchObject({ cost: 1.125, weight: 2.5, price: 1200, serviceLevel: 0.975 });
  });

  it('puts each problem on its field with the registry label', () => {
    const errors = errorsOf(form({ productId: '', leadTime: '7 days', serviceLevel: '95', orderFrequency: '1.5', cost: '-2' }));
    expect(errors['fields.productId']).toBe('Product code is required.');
    expect(errors['fields.leadTime']).toMatch(/^"7 days" is not a plain number/);
    expect(errors['fields.serviceLevel']).toMatch(/Service level is a fraction, so write 95% or 0\.95/);
    expect(errors['fields.orderFrequency']).toMatch(/not a whole number/);
    expect(errors['fields.cost']).toMatch(/only accepts 0 or more for Cost/);
  });

  it('lets through a whole number StockTrim cannot store, leaving that check to StockTrim', () => {
    const result = productFormSchema.parse(form({ productId: 'W-1', leadTime: '3000000000' }));
    expect(result.values.leadTime).toBe(3_000_000_000);
    expect(productsRequestSchema.safeParse(toProductsRequest(result)).success).toBe(false);
  });

  it('checks the lists: required codes, numbers, and no code twice', () => {
    const errors = errorsOf(
      form(
        { productId: 'W-1' },
        {
          suppliers: [
            { supplierId: '', supplierName: 'Nameless', supplierSkuCode: '' },
            { supplierId: 'S1', supplierName: '', supplierSkuCode: '' },
          ],
          stockLocations: [
            { locationCode: 'WH1', locationName: '', stockOnHand: 'lots', stockOnOrder: '' },
            { locationCode: 'WH1', locationName: '', stockOnHand: '', stockOnOrder: '' },
          ],
        },
      ),
    );
    expect(errors['suppliers.0.supplierId']).toBe('Supplier code is required.');
    expect(errors['stockLocations.0.stockOnHand']).toMatch(/^"lots" is not a number/);
    expect(errors['stockLocations.1.locationCode']).toBe('Location code "WH1" is already in location 1; list each location once.');
  });

  it('keeps list order and drops blank item properties', () => {
    const result = productFormSchema.parse(
      form(
        { productId: 'W-1' },
        {
          suppliers: [
            { supplierId: 'S2', supplierName: '', supplierSkuCode: '' },
            { supplierId: 'S1', supplierName: 'First', supplierSkuCode: 'F-1' },
          ],
          stockLocations: [{ locationCode: 'WH1', locationName: 'Main', stockOnHand: '1,500', stockOnOrder: '' }],
        },
      ),
    );
    expect(result.suppliers).toEqual([{ supplierId: 'S2' }, { supplierId: 'S1', supplierName: 'First', supplierSkuCode: 'F-1' }]);
    expect(result.stockLocations).toEqual([{ locationCode: 'WH1', locationName: 'Main', stockOnHand: 1500 }]);
  });
});

