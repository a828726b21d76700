import { describe, expect, it } from 'vitest';
import { productsImportDataset } from '@/lib/datasets/products-import';
import { buildSourceColumns } from './header-match';
import { datasetForKeys, findLocationColumns, matchLocationHeader, parseLocationColumnKey } from './location-columns';
import { buildRowSchema } from './row-schema';

const defs = productsImportDataset.layouts!.wide.columns;

describe('location column headers', () => {
  it.each([
    ['Stock AKL', 'stockLocations.stockOnHand', 'AKL'],
    ['AKL Stock', 'stockLocations.stockOnHand', 'AKL'],
    ['SOH (CHC)', 'stockLocations.stockOnHand', 'CHC'],
    ['Stock on hand - WLG', 'stockLocations.stockOnHand', 'WLG'],
    ['On order WLG', 'stockLocations.stockOnOrder', 'WLG'],
    ['Stock on order AKL', 'stockLocations.stockOnOrder', 'AKL'],
    ['Qty Auckland CBD', 'stockLocations.stockOnHand', 'Auckland CBD'],
  ])('%s → %s at %s', (header, field, locationCode) => {
    expect(matchLocationHeader(header, defs)).toEqual({ field, locationCode });
  });

  it.each(['Stock', 'Stock on hand', 'Stock code', 'StockCode', 'Order qty', 'Stock level', 'On hand qty', 'Variant Inventory Qty', 'Variant Inventory Policy', 'Price / Europe'])(
    '%s is not a location column',
    (header) => {
      expect(matchLocationHeader(header, defs)).toBeNull();
    },
  );

  it('finds them in a file, leaving headers that name a field and mapped columns alone', () => {
    const columns = buildSourceColumns(['SKU', 'Stock', 'Stock AKL', 'Stock WLG', 'On order AKL', 'Stock AKL'], 6, () => []);
    expect(findLocationColumns(productsImportDataset, columns, new Set([0]))).toEqual([
      { columnIndex: 2, field: 'stockLocations.stockOnHand', locationCode: 'AKL' },
      { columnIndex: 3, field: 'stockLocations.stockOnHand', locationCode: 'WLG' },
      { columnIndex: 4, field: 'stockLocations.stockOnOrder', locationCode: 'AKL' },
    ]);
    expect(findLocationColumns(productsImportDataset, columns, new Set([2]))).toHaveLength(3);
  });

  it('the server derives the same fields from the keys a batch carries', () => {
    expect(parseLocationColumnKey('stockLocations.stockOnHand@AKL')).toEqual({ field: 'stockLocations.stockOnHand', locationCode: 'AKL' });
    expect(parseLocationColumnKey('stockOnHand')).toBeNull();
    const def = datasetForKeys(productsImportDataset, ['productId', 'stockLocations.stockOnHand@AKL', 'stockLocations.stockOnOrder@AKL']);
    expect(def.fields.slice(-2).map((f) => [f.key, f.listEntry])).toEqual([
      ['stockLocations.stockOnHand@AKL', { list: 'stockLocations', property: 'stockOnHand', identity: 'AKL' }],
      ['stockLocations.stockOnOrder@AKL', { list: 'stockLocations', property: 'stockOnOrder', identity: 'AKL' }],
    ]);
    expect(datasetForKeys(productsImportDataset, ['stockLocations.stockOnOrder@AKL', 'stockLocations.stockOnHand@AKL', 'productId'])).toBe(def);
    const schema = buildRowSchema(def);
    expect(schema.safeParse({ productId: 'A', 'stockLocations.stockOnHand@AKL': 4, 'stockLocations.stockOnOrder@AKL': 1 }).success).toBe(true);
    expect(schema.safeParse({ productId: 'A', 'stockLocations.stockOnOrder@AKL': -1 }).success).toBe(false);
    // A key that is not a location column of this dataset is refused as an unknown field.
    expect(buildRowSchema(datasetForKeys(productsImportDataset, ['name@AKL'])).safeParse({ productId: 'A', 'name@AKL': 'x' }).success).toBe(false);
  });
});
