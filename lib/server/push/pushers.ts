import 'server-only';
import type { DatasetId } from '@/lib/datasets/field-def';
import { pushProducts } from './push-products';
import type { Pusher } from './pusher';
import { pushSalesOrders } from './push-sales-orders';

export const pushers: Readonly<Record<DatasetId, Pusher>> = {
  products: pushProducts,
  'sales-orders': pushSalesOrders,
};
