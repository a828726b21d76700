/**
 * How the product form lays out the registry's product fields, and the two list fields
 * (suppliers, stock per location) that a spreadsheet row cannot carry and so are not in the
 * importer's registry. Labels, types and help still come from FieldDefs: the form prints none
 * of its own.
 */
import type { FieldDef } from './field-def';
import { productsDataset } from './products';

export type ProductListKey = 'suppliers' | 'stockLocations';

export interface ProductListDef {
  readonly key: ProductListKey;
  readonly label: string;
  /** Names one entry in button labels: "Add supplier", "Remove supplier 2". */
  readonly itemLabel: string;
  readonly help: string;
  /** The item's properties, in contract order. */
  readonly fields: readonly FieldDef[];
  readonly maxItems: number;
}

export interface ProductFieldGroup {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  /** Registry field keys, in the order the form shows them. */
  readonly fieldKeys: readonly string[];
  /** List fields shown after the scalar fields. */
  readonly lists: readonly ProductListKey[];
}

export const productSupplierList: ProductListDef = {
  key: 'suppliers',
  label: 'Suppliers',
  itemLabel: 'supplier',
  help: 'Every supplier this product can be bought from. The first one is used when Supplier code is empty.',
  maxItems: 100,
  fields: [
    { key: 'supplierId', label: 'Supplier code', type: 'code', required: true, synonyms: [], help: 'The supplier’s code in StockTrim.' },
    { key: 'supplierName', label: 'Supplier name', type: 'text', required: false, synonyms: [], help: 'Name shown in the order plan.' },
    { key: 'supplierSkuCode', label: 'Supplier’s product code', type: 'code', required: false, synonyms: [], help: 'What this supplier calls the product.' },
  ],
};

export const productStockLocationList: ProductListDef = {
  key: 'stockLocations',
  label: 'Stock per location',
  itemLabel: 'location',
  help: 'Stock at each warehouse or shop. Used for the product’s totals when Stock on hand and Stock on order are empty.',
  maxItems: 500,
  fields: [
    { key: 'locationCode', label: 'Location code', type: 'code', required: true, synonyms: [], help: 'The location’s code in StockTrim.' },
    { key: 'locationName', label: 'Location name', type: 'text', required: false, synonyms: [], help: 'Name of the location.' },
    { key: 'stockOnHand', label: 'On hand', type: 'number', required: false, synonyms: [], help: 'Units in stock at this location.' },
    { key: 'stockOnOrder', label: 'On order', type: 'number', required: false, min: 0, synonyms: [], help: 'Units ordered for this location and not yet received.' },
  ],
};

export const productLists: Readonly<Record<ProductListKey, ProductListDef>> = {
  suppliers: productSupplierList,
  stockLocations: productStockLocationList,
};

export const productFieldGroups: readonly ProductFieldGroup[] = [
  {
    id: 'identity',
    label: 'Identity',
    description: 'What the product is called and whether it is still reordered.',
    fieldKeys: ['productId', 'productCodeReadable', 'name', 'category', 'subCategory', 'barcode', 'discontinued', 'unstocked'],
    lists: [],
  },
  {
    id: 'stock',
    label: 'Stock',
    description: 'What is on the shelf and on order, and the limits to keep it within.',
    fieldKeys: ['stockOnHand', 'stockOnOrder', 'minimumShelfLevel', 'maximumShelfLevel'],
    lists: ['stockLocations'],
  },
  {
    id: 'supply',
    label: 'Supply, cost and lead times',
    description: 'Who supplies it, what it costs, and how orders are sized and timed.',
    fieldKeys: ['supplierCode', 'cost', 'price', 'leadTime', 'manufacturingTime', 'orderFrequency', 'minimumOrderQuantity', 'batchSize'],
    lists: ['suppliers'],
  },
  {
    id: 'forecast',
    label: 'Forecast settings and overrides',
    description: 'How StockTrim forecasts this product, and demand to use instead of its history.',
    fieldKeys: ['serviceLevel', 'forecastPeriod', 'ignoreSeasonality', 'overriddenDemand', 'overriddenDemandPeriod'],
    lists: [],
  },
  {
    id: 'variants',
    label: 'Variants',
    description: 'For a variant of another product (a size or colour of it).',
    fieldKeys: ['parentId', 'variantType', 'variant', 'option1', 'option2', 'option3'],
    lists: [],
  },
  {
    id: 'dimensions',
    label: 'Dimensions',
    description: 'Size and weight of one unit.',
    fieldKeys: ['weight', 'height', 'width', 'length'],
    lists: [],
  },
];

/**
 * The registry's product fields that are top-level ProductsRequestDto properties: the form's
 * scalar inputs. Dashboard-only fields and columns that fill a list entry (an import file's
 * per-location stock column) are not.
 */
export const productFormFields: readonly FieldDef[] = productsDataset.fields.filter(
  (f) => f.stockTrim !== false && !('listEntry' in f && f.listEntry),
);

const fieldsByKey = new Map(productFormFields.map((f) => [f.key, f]));

/** The registry definition of a product field; throws for a key the registry does not have. */
export function productField(key: string): FieldDef {
  const field = fieldsByKey.get(key);
  if (!field) throw new Error(`The products registry has no field "${key}".`);
  return field;
}

/** The registry fields of a group, in the group's order. */
export function groupFields(group: ProductFieldGroup): FieldDef[] {
  return group.fieldKeys.map(productField);
}
