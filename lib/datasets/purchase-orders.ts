import type { DatasetDef } from './field-def';

const line = (property: string) => ({ list: 'purchaseOrderLineItems', property });

export const purchaseOrdersDataset: DatasetDef = {
  id: 'purchase-orders',
  label: 'Purchase Orders',
  description:
    'One row per purchase-order line. Rows with the same Order reference form one order, sent with POST /PurchaseOrders, which updates the order with that reference (its lines replaced by the file’s), so sending the file again does not double it.',
  // The reference alone is the key: StockTrim identifies an order by it, so two suppliers'
  // orders under one reference would overwrite each other. The supplier is part of the order
  // and must agree on all its rows; rows that disagree are refused, not guessed at.
  orderKey: { fields: ['clientReferenceNumber'], noun: 'purchase order', nounPlural: 'purchase orders' },
  lists: [{ property: 'purchaseOrderLineItems', identity: 'productId', merge: false }],
  fields: [
    {
      key: 'clientReferenceNumber',
      label: 'Order reference',
      type: 'code',
      required: true,
      synonyms: ['po number', 'purchase order number', 'purchase order id', 'po no', 'po', 'order reference', 'order number', 'order no', 'client reference number', 'reference', 'purchase order'],
      help: 'Your purchase-order number. Rows with the same reference are the lines of one order, and StockTrim updates the order by it.',
    },
    {
      key: 'supplierCode',
      label: 'Supplier code',
      type: 'code',
      required: true,
      synonyms: ['supplier code', 'vendor code', 'supplier', 'vendor', 'supplier id', 'vendor id'],
      help: 'Who the order is with, as the supplier’s code in StockTrim. The same on every row of one order.',
    },
    { key: 'supplierName', label: 'Supplier name', type: 'text', required: false, synonyms: ['supplier name', 'vendor name'], help: 'The supplier’s name.' },
    {
      key: 'orderDate',
      label: 'Order date',
      type: 'date',
      required: true,
      synonyms: ['order date', 'date', 'po date', 'purchase date', 'date ordered', 'created'],
      help: 'When the order was placed. StockTrim requires it.',
    },
    {
      key: 'status',
      label: 'Status',
      type: 'text',
      required: false,
      choices: ['Draft', 'Approved', 'Sent', 'Received'],
      synonyms: ['status', 'order status', 'po status'],
      help: 'Draft, Approved, Sent or Received. Empty: Draft for a new order, unchanged for one StockTrim has.',
    },
    { key: 'locationCode', label: 'Location code', type: 'code', required: false, synonyms: ['location code', 'location', 'warehouse', 'deliver to', 'ship to'], help: 'Where the stock will arrive.' },
    { key: 'locationName', label: 'Location name', type: 'text', required: false, synonyms: ['location name', 'warehouse name'], help: 'Name of that location.' },
    { key: 'externalId', label: 'External id', type: 'code', required: false, synonyms: ['external id'], help: 'The order’s id in another system.' },
    {
      key: 'productId',
      label: 'Product code',
      type: 'code',
      required: true,
      productReference: true,
      listEntry: line('productId'),
      synonyms: ['product code', 'sku', 'product number', 'part number', 'item code', 'stock code', 'productId', 'product id', 'item', 'code'],
      help: 'The product ordered on this line, exactly as its code in StockTrim.',
    },
    {
      key: 'quantity',
      label: 'Quantity',
      type: 'number',
      required: true,
      min: 0,
      listEntry: line('quantity'),
      synonyms: ['quantity', 'qty', 'order qty', 'quantity ordered', 'units'],
      help: 'Units ordered on this line.',
    },
    { key: 'unitPrice', label: 'Unit price', type: 'number', required: false, min: 0, listEntry: line('unitPrice'), synonyms: ['unit price', 'unit cost', 'price', 'cost'], help: 'Price of one unit on this line.' },
    {
      key: 'receivedDate',
      label: 'Received date',
      type: 'date',
      required: false,
      listEntry: line('receivedDate'),
      synonyms: ['received date', 'date received', 'received'],
      help: 'When this line arrived; a received line no longer counts as on order.',
    },
  ],
};
