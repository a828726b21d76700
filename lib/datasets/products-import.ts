/**
 * Products as a file brings them: every scalar product field, plus the two lists a product
 * carries (its suppliers and its stock per location). A file holds a list either as several
 * rows per product, one per location or supplier (long form), or as one column per location
 * ("Stock AKL", wide form). The list items' types and help come from the product form's list
 * definitions; only what a spreadsheet needs on top (flat keys, header names) is added here.
 */
import type { DatasetDef, FieldDef } from './field-def';
import { type ProductListDef, productLists } from './product-field-groups';
import { productsDataset } from './products';

interface ImportNames {
  readonly label: string;
  readonly synonyms: readonly string[];
}

/** Header names of the list items; a flat row needs labels that do not clash with the scalar fields'. */
const importNames: Readonly<Record<string, ImportNames>> = {
  'stockLocations.locationCode': { label: 'Location code', synonyms: ['location code', 'location', 'warehouse', 'warehouse code', 'store', 'store code', 'site', 'branch'] },
  'stockLocations.locationName': { label: 'Location name', synonyms: ['location name', 'warehouse name', 'store name'] },
  'stockLocations.stockOnHand': { label: 'On hand at the location', synonyms: ['location stock on hand', 'location on hand', 'stock at location', 'on hand at location'] },
  'stockLocations.stockOnOrder': { label: 'On order at the location', synonyms: ['location stock on order', 'location on order', 'on order at location'] },
  'suppliers.supplierId': { label: 'Listed supplier code', synonyms: ['listed supplier code', 'supplier id', 'alternative supplier', 'alternate supplier', 'supplier list code'] },
  'suppliers.supplierName': { label: 'Listed supplier name', synonyms: ['listed supplier name', 'supplier name', 'vendor name'] },
  'suppliers.supplierSkuCode': { label: 'Supplier’s product code', synonyms: ['supplier sku', 'supplier sku code', 'supplier product code', 'vendor sku', 'supplier part number', 'supplier item code'] },
};

/** The list's properties as flat row fields: `stockLocations.stockOnHand`. */
function listFields(list: ProductListDef): FieldDef[] {
  return list.fields.map((item) => {
    const key = `${list.key}.${item.key}`;
    const names = importNames[key] ?? { label: `${list.label}: ${item.label}`, synonyms: [] };
    return {
      ...item,
      key,
      label: names.label,
      synonyms: names.synonyms,
      // A row may carry a product without a location or supplier; the list's code is needed
      // only when the row gives other values of that entry (the validator checks that).
      required: false,
      help: item.help,
      listEntry: { list: list.key, property: item.key },
      ...(list.key === 'stockLocations' && item.key === 'stockOnHand' ? { negativeChoice: true } : {}),
    };
  });
}

export const productsImportDataset: DatasetDef = {
  ...productsDataset,
  description:
    'One row per product (SKU); or several rows per product, one per location or supplier, grouped by Product code; or one column per location (“Stock AKL”, “Stock WLG”). Sent one product per request; StockTrim upserts on Product code.',
  fields: [...productsDataset.fields, ...listFields(productLists.stockLocations), ...listFields(productLists.suppliers)],
  orderKey: { fields: ['productId'], noun: 'product', nounPlural: 'products' },
  lists: [
    { property: 'stockLocations', identity: 'locationCode', merge: true },
    { property: 'suppliers', identity: 'supplierId', merge: true },
  ],
  continuationRows: { reason: 'image-only rows of the product above — not products' },
  layouts: {
    long: { uniqueKey: ['productId', 'stockLocations.locationCode', 'suppliers.supplierId'] },
    wide: {
      columns: [
        { field: 'stockLocations.stockOnOrder', words: ['stock on order', 'on order', 'qty on order', 'incoming'] },
        { field: 'stockLocations.stockOnHand', words: ['stock on hand', 'on hand', 'qty on hand', 'soh', 'stock', 'qty', 'inventory'] },
      ],
    },
  },
};
