import type { DatasetDef } from '@/lib/datasets/field-def';

/**
 * Datasets whose rows may be sent again when it is not known whether StockTrim got them (the
 * dashboard died mid-request, a time-out, a passing 5xx): their pushers only make calls that
 * StockTrim applies once however often they arrive.
 */
const RESEND_SAFE: Readonly<Record<string, string>> = {
  products: 'POST /Products upserts on productId',
  'sales-orders': 'PUT /SalesOrdersBulk updates each line it has by externalReferenceId, and the references are stable',
  'bill-of-materials': 'POST /boms upserts on assembly + component',
  suppliers: 'POST /Suppliers upserts on supplierCode',
  locations: 'POST /V2/Locations upserts on locationCode',
  inventory: 'POST /Inventory sets the figures, it does not add to them',
  'purchase-orders': 'POST /PurchaseOrders upserts on clientReferenceNumber',
  customers: 'PUT /Customers upserts on code',
};

/**
 * A dataset missing above is still pushed, but a row whose request may have left is reported
 * as "outcome unknown" instead of being sent again. Add a dataset once its pusher is idempotent.
 */
export function isResendSafe(dataset: string): boolean {
  return Object.prototype.hasOwnProperty.call(RESEND_SAFE, dataset);
}

/**
 * Whether retrying a failed row must send its whole record again. A purchase order (or a
 * product with its locations) spans several rows and an upsert replaces it as a whole, so
 * sending only the fixed line would drop the lines already there. Sales lines are upserted
 * one by one, so only the failed ones go.
 */
export function retriesWholeRecords(dataset: DatasetDef): boolean {
  return dataset.orderKey !== undefined && dataset.id !== 'sales-orders';
}
