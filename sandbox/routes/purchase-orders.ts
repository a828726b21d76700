/**
 * Purchase orders. v1 POST upserts on clientReferenceNumber (201 created, 200 updated), v1
 * DELETE answers 204 and v1 GET answers 404, all as production does. Reading goes through V2:
 * a page at a time (page from 0, pageSize 10 by default, optionally one status) or one order by
 * referenceNumber. Responses carry status as a number.
 */
import {
  purchaseOrderRequestSchema,
  purchaseOrderStatusName,
  purchaseOrderStatusValues,
  type PurchaseOrderStatusName,
} from '../../lib/stocktrim/contract';
import { badRequest } from '../http/problems';
import { purchaseOrdersSlice, toPurchaseOrderResponse } from '../store/purchase-orders-store';
import { requireKnownProducts } from './known-products';
import { requiredQuery, wholeNumberQuery } from './query';
import { empty, json, withBody, withoutBody, type RequestContext, type RouteModule } from './route';

/** The document's defaults for GET /V2/PurchaseOrders. */
const DEFAULT_PAGE = 0;
const DEFAULT_PAGE_SIZE = 10;

/** ASP.NET binds an enum from the query by name (any case) or by number. */
function statusQuery(ctx: RequestContext): PurchaseOrderStatusName | undefined {
  const value = ctx.query.get('status');
  if (value === undefined) return undefined;
  const byName = purchaseOrderStatusValues.find((name) => name.toLowerCase() === value.toLowerCase());
  const status = byName ?? (/^\d$/.test(value) ? purchaseOrderStatusName(Number(value)) : undefined);
  if (!status) throw badRequest({ status: [`The value '${value}' is not valid for status.`] });
  return status;
}

export const purchaseOrdersRoutes: RouteModule = {
  name: 'PurchaseOrders',
  routes: [
    {
      path: '/api/PurchaseOrders',
      methods: {
        GET: withoutBody(() => empty(404)),
        POST: withBody(purchaseOrderRequestSchema, (ctx, body) => {
          const lines = body.purchaseOrderLineItems;
          if (lines.length === 0) throw badRequest({ PurchaseOrderLineItems: ['A purchase order needs at least one line item.'] });
          requireKnownProducts(ctx.account, lines, (i) => `PurchaseOrderLineItems[${i}].ProductId`, 'purchase orders');
          const { order, created } = ctx.account.get(purchaseOrdersSlice).upsert(body);
          return json(created ? 201 : 200, toPurchaseOrderResponse(order));
        }),
        DELETE: withoutBody((ctx) => {
          const removed = ctx.account.get(purchaseOrdersSlice).removeByReference(requiredQuery(ctx, 'referenceNumber'));
          return removed > 0 ? empty(204) : empty(404);
        }),
      },
    },
    {
      path: '/api/V2/PurchaseOrders',
      methods: {
        GET: withoutBody((ctx) => {
          const page = wholeNumberQuery(ctx, 'page', DEFAULT_PAGE, 0);
          const pageSize = wholeNumberQuery(ctx, 'pageSize', DEFAULT_PAGE_SIZE, 1);
          const orders = ctx.account.get(purchaseOrdersSlice).page(page, pageSize, statusQuery(ctx));
          return orders.length > 0 ? json(200, orders.map(toPurchaseOrderResponse)) : empty(404);
        }),
      },
    },
    {
      path: '/api/V2/PurchaseOrders/{referenceNumber}',
      methods: {
        GET: withoutBody((ctx) => {
          const order = ctx.account.get(purchaseOrdersSlice).findByReference(ctx.params.referenceNumber ?? '');
          return order ? json(200, toPurchaseOrderResponse(order)) : empty(404);
        }),
      },
    },
  ],
};
