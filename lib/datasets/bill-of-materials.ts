import type { DatasetDef } from './field-def';

export const billOfMaterialsDataset: DatasetDef = {
  id: 'bill-of-materials',
  label: 'Bill of Materials',
  description:
    'One row per component of an assembled product. Sent one line per request with POST /boms, which updates a line it already has (same assembly and component), so sending the file again does not double it. Both products must already be in StockTrim.',
  uniqueKey: ['productId', 'componentId'],
  fields: [
    {
      key: 'productId',
      label: 'Assembled product code',
      type: 'code',
      required: true,
      productReference: true,
      synonyms: ['assembly', 'product assembly id', 'assembly id', 'assembly code', 'assembled product', 'parent product', 'parent code', 'parent', 'finished product', 'kit', 'product id', 'product code', 'productId'],
      help: 'The product that is made from the component, exactly as its code in StockTrim.',
    },
    {
      key: 'componentId',
      label: 'Component code',
      type: 'code',
      required: true,
      productReference: true,
      synonyms: ['component', 'component id', 'component code', 'componentId', 'child', 'child code', 'part', 'part code', 'material', 'ingredient'],
      help: 'The product that goes into the assembly, exactly as its code in StockTrim.',
    },
    {
      key: 'quantity',
      label: 'Quantity per assembly',
      type: 'number',
      required: false,
      min: 0,
      synonyms: ['per assembly qty', 'quantity per assembly', 'qty per assembly', 'quantity', 'qty', 'units per assembly', 'usage'],
      help: 'Units of the component in one assembled product. Empty means 1 (StockTrim’s default).',
    },
  ],
};
