import { describe, expect, it } from 'vitest';
import { productsRequestSchema } from '@/lib/stocktrim/contract';
import { productFormSchema } from './product-form-schema';
import { type ProductFormValues, productToFormValues } from './product-form-values';
import { payloadFieldErrors, productUpsertRequestSchema, productUpsertPayloadSchema, toProductsRequest } from './product-upsert';

function form(fields: Record<string, string | boolean>, more: Partial<ProductFormValues> = {}): ProductFormValues {
  const base = productToFormValues(null);
  return { ...base, ...more, fields: { ...base.fields, ...fields } };
}


describe('payload → ProductsRequestDto', () => {
  it('leaves blanks out (StockTrim keeps stored values) and passes the contract', () => {
    const payload = productFormSchema.parse(
      form({ productId: 'W-1', leadTime: '14', discontinued: true }, { suppliers: [{ supplierId: 'S1', supplierName: '', supplierSkuCode: '' }] }),
    );
    const dto = toProductsRequest(payload);
    expect(dto).toEqual({ productId: 'W-1', leadTime: 14, discontinued: true, unstocked: false, ignoreSeasonality: false, suppliers: [{ supplierId: 'S1' }], stockLocations: [] });
    expect(productsRequestSchema.safeParse(dto).success).toBe(true);
  });

  it('is what the route accepts', () => {
    const payload = productFormSchema.parse(form({ productId: 'W-1', cost: '2.5' }));
    expect(productUpsertPayloadSchema.safeParse(JSON.parse(JSON.stringify(payload))).success).toBe(true);
  });
});

describe('the route\'s own check of a payload', () => {
  function problems(body: unknown) {
    const result = productUpsertRequestSchema.safeParse(body);
    if (result.success) throw new Error('expected a failure');
    return payloadFieldErrors(result.error, body);
  }
  const blankValues = { productId: 'W-1' };

  it('keys problems the way StockTrim does, with the registry label', () => {
    const errors = problems({
      mode: 'update',
      product: {
        values: { ...blankValues, leadTime: -1, cost: 'cheap' },
        suppliers: [{ supplierName: 'No code' }],
        stockLocations: [],
      },
    });
    expect(errors).toEqual({
      LeadTime: ['Lead time (days) must be 0 or more.'],
      Cost: ['Cost has the wrong type of value.'],
      'Suppliers[0].SupplierId': ['Supplier code is required.'],
    });
  });

  it('names unknown properties and a missing code', () => {
    const errors = problems({ mode: 'create', product: { values: { leadtime: 3 }, suppliers: [], stockLocations: [] } });
    expect(errors).toEqual({ ProductId: ['Product code is required.'], Leadtime: ['"leadtime" is not a product property.'] });
  });

  it('refuses an unknown mode', () => {
    expect(problems({ mode: 'merge', product: { values: blankValues, suppliers: [], stockLocations: [] } })).toHaveProperty('Mode');
  });
});
