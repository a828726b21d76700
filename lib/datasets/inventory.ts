import type { DatasetDef } from './field-def';

export const inventoryDataset: DatasetDef = {
  id: 'inventory',
  label: 'Inventory levels',
  description:
    'One row per product and location (or per product, for its overall figures): stock on hand and on order. Sent in batches with POST /Inventory. The products must already be in StockTrim.',
  uniqueKey: ['productId', 'locationCode', 'locationName'],
  fields: [
    {
      key: 'productId',
      label: 'Product code',
      type: 'code',
      required: true,
      productReference: true,
      synonyms: ['product code', 'sku', 'variant sku', 'product number', 'part number', 'item code', 'stock code', 'productId', 'product id', 'item', 'code'],
      help: 'The product, exactly as its code in StockTrim.',
    },
    {
      key: 'locationCode',
      label: 'Location code',
      type: 'code',
      required: false,
      synonyms: ['location code', 'location', 'warehouse', 'warehouse code', 'store', 'store code', 'site', 'branch'],
      help: 'Where the stock is. Leave it empty (and the name too) to set the product’s overall figures.',
    },
    { key: 'locationName', label: 'Location name', type: 'text', required: false, synonyms: ['location name', 'warehouse name', 'store name'], help: 'Used to find the location when there is no code.' },
    {
      key: 'stockOnHand',
      label: 'Stock on hand',
      type: 'number',
      required: true,
      negativeChoice: true,
      synonyms: ['stock on hand', 'on hand', 'soh', 'qty on hand', 'quantity on hand', 'inventory', 'stock', 'quantity', 'qty', 'available'],
      help: 'Units in stock now. Required because StockTrim sets a figure that is left out to 0.',
    },
    {
      key: 'stockOnOrder',
      label: 'Stock on order',
      type: 'number',
      required: true,
      min: 0,
      synonyms: ['stock on order', 'on order', 'qty on order', 'quantity on order', 'incoming'],
      help: 'Units ordered and not yet received. Required because StockTrim sets a figure that is left out to 0; write 0 when there is none.',
      whenUnmapped:
        'StockTrim sets a stock-on-order figure that is left out to 0, so the dashboard never sends one by guessing: add a column with the units on order (0 where nothing is on order) to the file and map it.',
    },
  ],
  pushOptions: [
    {
      key: 'updateOverallAllOnHandToBeSumOfLocation',
      label: 'Set each product’s overall stock on hand to the sum of its locations',
      help: 'Off: the overall figure changes only where a row without a location sets it.',
      default: false,
    },
    {
      key: 'updateOverallAllOnOrderToBeSumOfLocation',
      label: 'Set each product’s overall stock on order to the sum of its locations',
      help: 'Off: the overall figure changes only where a row without a location sets it.',
      default: false,
    },
  ],
};
