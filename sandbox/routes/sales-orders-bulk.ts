/**
 * /api/SalesOrdersBulk: one order with its lines. The order's date, location and customer apply
 * to every line. POST always creates; PUT creates or updates each line by its
 * externalReferenceId, so loading the same history twice does not double it.
 */
import {
  salesOrderWithLineItemsRequestSchema,
  type SalesOrderRequest,
  type SalesOrderWithLineItemsRequest,
} from '../../lib/stocktrim/contract';
import { badRequest } from '../http/problems';
import type { StoredSaleLine } from '../store/sales-store';
import { salesSlice } from '../store/sales-store';
import { requireKnownProducts } from './known-products';
import { json, withBody, type RequestContext, type Reply, type RouteModule } from './route';
import { toSalesOrderResponse } from './sales-order-response';

/**
 * The header's orderDate always wins (it is required on the order); its location and customer
 * win when the order carries them, otherwise each line keeps its own.
 */
export function linesOfOrder(order: SalesOrderWithLineItemsRequest): SalesOrderRequest[] {
  return (order.saleOrderLineItems ?? []).map((line) => ({
    ...line,
    orderDate: order.orderDate,
    locationCode: order.locationCode ?? line.locationCode ?? null,
    locationName: order.locationName ?? line.locationName ?? null,
    customerCode: order.customerCode ?? line.customerCode ?? null,
    customerName: order.customerName ?? line.customerName ?? null,
  }));
}

function bulk(mode: 'create' | 'upsert') {
  return (ctx: RequestContext, order: SalesOrderWithLineItemsRequest): Reply => {
    const lines = linesOfOrder(order);
    if (lines.length === 0) throw badRequest({ SaleOrderLineItems: ['An order needs at least one line item.'] });
    requireKnownProducts(ctx.account, lines, (i) => `SaleOrderLineItems[${i}].ProductId`);
    const store = ctx.account.get(salesSlice);
    const saved: StoredSaleLine[] = lines.map((line) => (mode === 'create' ? store.add(line) : store.upsert(line).line));
    // The contract answers one SalesOrderResponseDto for the whole order: the first line.
    return json(201, toSalesOrderResponse(ctx.account, saved[0] as StoredSaleLine));
  };
}

export const salesOrdersBulkRoutes: RouteModule = {
  name: 'SalesOrdersBulk',
  routes: [
    {
      path: '/api/SalesOrdersBulk',
      methods: {
        POST: withBody(salesOrderWithLineItemsRequestSchema, bulk('create')),
        PUT: withBody(salesOrderWithLineItemsRequestSchema, bulk('upsert')),
      },
    },
  ],
};
