import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { autoMapColumns, buildSourceColumns, columnLetter, looseHeader, normaliseHeader } from './header-match';
import { findHeaderRow } from './header-row';
import { productsDataset } from '@/lib/datasets/products';
import { salesOrdersDataset } from '@/lib/datasets/sales-orders';
import { parseDelimitedToArrays } from './parse-delimited';
import { DATASETS_DIR, DATASETS_MISSING } from './test-support';

function columnsOf(headers: string[], samples: string[][] = []) {
  return buildSourceColumns(headers, headers.length, (c) => samples.map((r) => r[c] ?? '').filter((v) => v !== ''));
}

function mapped(dataset: typeof productsDataset, headers: string[], samples: string[][] = [headers.map(() => 'x')]) {
  const cols = columnsOf(headers, samples);
  const res = autoMapColumns(dataset, cols);
  const byField: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.mapping)) if (v !== null && v !== undefined) byField[k] = headers[v]!;
  return { byField, res };
}

describe('normaliseHeader', () => {
  it('drops case, spaces, _ - . and BOM', () => {
    expect(normaliseHeader(' Product ID ')).toBe('productid');
    expect(normaliseHeader('product_id')).toBe('productid');
    expect(normaliseHeader('Product-Id.')).toBe('productid');
    expect(normaliseHeader('\uFEFFproductId')).toBe('productid');
    expect(normaliseHeader('Stock\u00A0On Hand ')).toBe('stockonhand');
  });

  it('keeps other punctuation for the loose fallback to handle', () => {
    expect(normaliseHeader('Lead time (days)')).toBe('leadtime(days)');
    expect(looseHeader('Lead time (days)')).toBe('leadtime');
    expect(looseHeader('Qty #')).toBe('qty');
    expect(looseHeader('Costs')).toBe('cost');
    expect(looseHeader('Class')).toBe('class');
  });
});

describe('columnLetter', () => {
  it('follows spreadsheet letters', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('buildSourceColumns', () => {
  it('labels blank headers by column letter and flags duplicates by normalised name', () => {
    const cols = columnsOf(['sku', '', 'Name', 'name ', '  ']);
    expect(cols.map((c) => c.label)).toEqual(['sku', '(no header) B', 'Name', 'name', '(no header) E']);
    expect(cols.map((c) => c.duplicate)).toEqual([false, false, true, true, false]);
  });

  it('removes a BOM from the header but keeps the rest exactly', () => {
    expect(columnsOf(['\uFEFF productId '])[0]!.header).toBe(' productId ');
  });
});

describe('autoMapColumns', () => {
  it('maps exact normalised synonyms, one column per field', () => {
    const { byField, res } = mapped(productsDataset, [' Product ID ', 'NAME', 'Stock On Hand ', 'Colour']);
    expect(byField).toEqual({ productId: ' Product ID ', name: 'NAME', stockOnHand: 'Stock On Hand ' });
    expect(res.unmapped).toEqual([3]);
  });

  it('falls back to a loose match (brackets, symbols, plurals)', () => {
    const { byField } = mapped(productsDataset, ['SKU', 'Lead time (days)', 'Costs', 'Price ($)']);
    expect(byField).toEqual({ productId: 'SKU', leadTime: 'Lead time (days)', cost: 'Costs', price: 'Price ($)' });
  });

  it('does not map by substring: "DiscontinuedDate" is not Discontinued, "ProductSubcategoryID" not Sub-category', () => {
    const { byField } = mapped(productsDataset, ['sku', 'DiscontinuedDate', 'ProductSubcategoryID', 'SafetyStockLevelX']);
    expect(byField).toEqual({ productId: 'sku' });
  });

  it('prefers the earlier registry synonym when two columns match one field (ProductNumber over ProductID)', () => {
    const { byField, res } = mapped(productsDataset, ['ProductID', 'Name', 'ProductNumber']);
    expect(byField.productId).toBe('ProductNumber');
    expect(res.notes.join(' ')).toMatch(/"ProductID" also looks like Product code; "ProductNumber" was used/);
  });

  it('prefers a column with values over an empty one', () => {
    const { byField } = mapped(productsDataset, ['sku', 'Product Category', 'Type'], [['A', '', 'Cables']]);
    expect(byField.category).toBe('Type');
  });

  it('keeps duplicates apart: the first feeds the field, the note says so', () => {
    const { byField, res } = mapped(productsDataset, ['productId', 'name', 'name', 'name_1']);
    expect(byField).toEqual({ productId: 'productId', name: 'name' });
    expect(res.mapping.name).toBe(1);
    expect(res.unmapped).toEqual([2, 3]);
    expect(res.notes).toEqual(['Columns B and C are both called "name". Column B feeds Name; pick another if that is the wrong one.']);
  });

  it('maps the sales synonyms (online retail headers)', () => {
    const { byField, res } = mapped(salesOrdersDataset, ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
    expect(byField).toEqual({
      orderNumber: 'InvoiceNo',
      productId: 'StockCode',
      quantity: 'Quantity',
      orderDate: 'InvoiceDate',
      unitPrice: 'UnitPrice',
      customerCode: 'CustomerID',
    });
    expect(res.unmapped).toEqual([2, 7]);
  });
});

describe('findHeaderRow', () => {
  it('skips title rows above the header', () => {
    const { records } = parseDelimitedToArrays('Stock report,,\nExported 2024-03-01,,\nSKU,Name,On hand\nA,Widget,4\nB,Bolt,5\n');
    const h = findHeaderRow(productsDataset, records);
    expect(h.index).toBe(2);
    expect(h.matches).toBe(3);
  });

  it('takes the first row when it names fields', () => {
    expect(findHeaderRow(productsDataset, [['sku', 'qty'], ['A', '1']]).index).toBe(0);
  });

  it('does not take a data row that happens to contain a field name', () => {
    expect(findHeaderRow(productsDataset, [['SKU', 'Name', 'Price'], ['item', 'code', 'stock']]).index).toBe(0);
  });

  it('without known names, takes the first row as wide as the data', () => {
    const records = [['Quarterly export'], ['colA', 'colB', 'colC'], ['1', '2', '3'], ['4', '5', '6']];
    expect(findHeaderRow(productsDataset, records).index).toBe(1);
  });
});

describe.skipIf(!DATASETS_DIR)(DATASETS_DIR ? 'real headers' : `real headers — ${DATASETS_MISSING}`, () => {
  function headerOf(file: string): string[] {
    const text = readFileSync(path.join(DATASETS_DIR!, file), 'utf8').slice(0, 4000);
    return parseDelimitedToArrays(text.slice(0, text.indexOf('\n') + 1)).records[0]!;
  }

  it('AdventureWorks products: ProductNumber → productId, Name, StandardCost, ListPrice', () => {
    const { byField } = mapped(productsDataset, headerOf('adventureworks_product.csv'));
    expect(byField).toMatchObject({ productId: 'ProductNumber', name: 'Name', cost: 'StandardCost', price: 'ListPrice' });
    expect(Object.values(byField)).not.toContain('ProductID');
  });

  it('online retail: InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID', () => {
    const { byField } = mapped(salesOrdersDataset, headerOf('online_retail_uci_first20k.csv'));
    expect(byField).toEqual({
      orderNumber: 'InvoiceNo',
      productId: 'StockCode',
      quantity: 'Quantity',
      orderDate: 'InvoiceDate',
      unitPrice: 'UnitPrice',
      customerCode: 'CustomerID',
    });
  });

  it('Shopify export: Variant SKU, Title, Variant Price, Cost per item, Variant Barcode, Vendor, Inventory Qty', () => {
    const { byField } = mapped(productsDataset, headerOf('voltaat_shopify_products_export.csv'));
    expect(byField).toMatchObject({
      productId: 'Variant SKU',
      name: 'Title',
      price: 'Variant Price',
      cost: 'Cost per item',
      barcode: 'Variant Barcode',
      supplierCode: 'Vendor',
      stockOnHand: 'Variant Inventory Qty',
    });
  });
});
