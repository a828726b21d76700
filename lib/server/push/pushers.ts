import 'server-only';
import { billOfMaterialsDataset } from '@/lib/datasets/bill-of-materials';
import { customersDataset } from '@/lib/datasets/customers';
import type { DatasetId } from '@/lib/datasets/field-def';
import { locationsDataset } from '@/lib/datasets/locations';
import { billOfMaterialsRequestSchema, customerRequestSchema, locationRequestSchema } from '@/lib/stocktrim/contract';
import { pushInventory } from './push-inventory';
import { pushProducts } from './push-products';
import { pushPurchaseOrders } from './push-purchase-orders';
import type { Pusher } from './pusher';
import { pushSalesOrders } from './push-sales-orders';
import { pushSuppliers } from './push-suppliers';
import { sendEachRow } from './send-each';

export const pushers: Readonly<Record<DatasetId, Pusher>> = {
  products: pushProducts,
  'sales-orders': pushSalesOrders,
  // One line per request, upserted on assembly + component.
  'bill-of-materials': sendEachRow(billOfMaterialsDataset, { schema: billOfMaterialsRequestSchema, method: 'POST', path: '/boms' }),
  suppliers: pushSuppliers,
  // V2 upserts on the code alone; v1 would treat a known name as the same location and take it
  // over under the new code, merging two of the user's locations into one.
  locations: sendEachRow(locationsDataset, { schema: locationRequestSchema, method: 'POST', path: '/V2/Locations' }),
  inventory: pushInventory,
  'purchase-orders': pushPurchaseOrders,
  customers: sendEachRow(customersDataset, { schema: customerRequestSchema, method: 'PUT', path: '/Customers' }),
};
