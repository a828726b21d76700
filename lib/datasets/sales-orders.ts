import type { DatasetDef } from './field-def';
import { orderGroupKey } from './sales-order-key';

export const salesOrdersDataset: DatasetDef = {
  id: 'sales-orders',
  label: 'Sales Orders',
  description:
    'One row per sales-order line. Lines are grouped into orders and sent with PUT /SalesOrdersBulk, which updates lines it already has, so sending the same file twice does not double the history.',
  orderKey: { fields: ['orderNumber', 'orderDate', 'customerCode', 'locationCode'], noun: 'order', nounPlural: 'orders', keyOf: orderGroupKey },
  fields: [
    {
      key: 'orderNumber',
      label: 'Order number',
      type: 'code',
      required: false,
      stockTrim: false,
      synonyms: ['order number', 'order no', 'order id', 'invoice no', 'invoice number', 'invoice', 'invoiceno', 'order', 'sales order', 'so number', 'reference'],
      help: 'Groups lines into one order and makes each line\'s reference stable. Lines without one get a reference derived from their content.',
    },
    {
      key: 'productId',
      label: 'Product code',
      type: 'code',
      required: true,
      productReference: true,
      synonyms: ['product code', 'sku', 'product number', 'part number', 'item code', 'stock code', 'stockcode', 'productId', 'product id', 'item', 'code'],
      help: 'The product sold, exactly as its code in StockTrim.',
    },
    {
      key: 'orderDate',
      label: 'Order date',
      type: 'date',
      required: true,
      synonyms: ['order date', 'date', 'invoice date', 'invoicedate', 'sale date', 'transaction date', 'created at'],
      help: 'When the sale happened.',
    },
    {
      key: 'quantity',
      label: 'Quantity',
      type: 'number',
      required: true,
      // No minimum: a negative quantity is a return, which the file's returns choice decides.
      returnsChoice: true,
      // A 0 line is neither a sale nor a return; it is sent (it may be deliberate), but said.
      zeroWarning: 'is 0: the line is sent as a sale of nothing; delete the row if it is not a sale',
      synonyms: ['quantity', 'qty', 'units', 'quantity sold', 'qty sold'],
      help: 'Units sold. Returns and cancellations (negative quantities) are never sent as sales: they are left out, or netted against the same product in the same order, as you choose.',
    },
    { key: 'unitPrice', label: 'Unit price', type: 'number', required: false, synonyms: ['unit price', 'unitprice', 'price', 'sell price', 'sale price'], help: 'Price of one unit on this line.' },
    { key: 'locationCode', label: 'Location code', type: 'code', required: false, synonyms: ['location code', 'location', 'warehouse', 'warehouse code', 'store'], help: 'Where the stock left from.' },
    { key: 'locationName', label: 'Location name', type: 'text', required: false, synonyms: ['location name', 'warehouse name'], help: 'Name of the location.' },
    { key: 'customerCode', label: 'Customer code', type: 'code', required: false, synonyms: ['customer code', 'customer id', 'customerid', 'customer', 'account', 'account code'], help: 'Who bought it.' },
    { key: 'customerName', label: 'Customer name', type: 'text', required: false, synonyms: ['customer name', 'client name'], help: 'Name of the customer.' },
  ],
};
