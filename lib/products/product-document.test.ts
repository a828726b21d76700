import { describe, expect, it } from 'vitest';
import { toProductDocument, toProductDocuments } from './product-document';

describe('product documents for the browser', () => {
  it('keeps the contract properties and drops the rest', () => {
    expect(toProductDocument({ id: 3, productId: 'W-1', leadTime: 14, tenantId: 'abc', internalNotes: 'x' })).toEqual({ id: 3, productId: 'W-1', leadTime: 14 });
  });

  it('refuses what is not a product', () => {
    expect(toProductDocument(null)).toBeNull();
    expect(toProductDocument({ name: 'no code' })).toBeNull();
    expect(toProductDocument([{ productId: 'W-1' }])).toBeNull();
    expect(toProductDocuments({ productId: 'W-1' })).toEqual([]);
    expect(toProductDocuments([{ productId: 'W-1' }, 'junk'])).toEqual([{ productId: 'W-1' }]);
  });
});
