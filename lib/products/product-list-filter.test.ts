import { describe, expect, it } from 'vitest';
import { filterLoadedProducts } from './product-list-filter';

const products = [
  { productId: 'WIDGET-001', name: 'Blue widget' },
  { productId: 'gadget-7', name: null, barcode: '0001234' },
  { productId: 'X9', name: 'Sprocket', productCodeReadable: 'SPR-9' },
];

describe('filtering the loaded pages', () => {
  it('matches part of a code, name, readable code or barcode, in any case', () => {
    expect(filterLoadedProducts(products, 'widget').map((p) => p.productId)).toEqual(['WIDGET-001']);
    expect(filterLoadedProducts(products, 'GADGET').map((p) => p.productId)).toEqual(['gadget-7']);
    expect(filterLoadedProducts(products, '1234').map((p) => p.productId)).toEqual(['gadget-7']);
    expect(filterLoadedProducts(products, 'spr').map((p) => p.productId)).toEqual(['X9']);
  });

  it('keeps everything for blank text', () => {
    expect(filterLoadedProducts(products, '  ')).toHaveLength(3);
  });
});
