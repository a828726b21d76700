/**
 * /api/SalesOrders: POST one line (always creates: sending it twice doubles the sale), GET a
 * product's lines (404 without productId, as production answers), and the deletes: by product,
 * everything, or a date range.
 */
import { salesOrderRequestSchema } from '../../lib/stocktrim/contract';
import { wallClock } from '../dates';
import { salesSlice } from '../store/sales-store';
import { requireKnownProducts } from './known-products';
import { requiredDateQuery, requiredQuery } from './query';
import { empty, json, withBody, withoutBody, type RouteModule } from './route';
import { toSalesOrderResponse } from './sales-order-response';

export const salesOrdersRoutes: RouteModule = {
  name: 'SalesOrders',
  routes: [
    {
      path: '/api/SalesOrders',
      methods: {
        POST: withBody(salesOrderRequestSchema, (ctx, body) => {
          requireKnownProducts(ctx.account, [body], () => 'ProductId');
          const line = ctx.account.get(salesSlice).add(body);
          return json(201, toSalesOrderResponse(ctx.account, line));
        }),
        GET: withoutBody((ctx) => {
          const productId = ctx.query.get('productId');
          if (productId === undefined) return empty(404);
          const lines = ctx.account.get(salesSlice).forProduct(productId);
          return lines.length > 0 ? json(200, lines.map((l) => toSalesOrderResponse(ctx.account, l))) : empty(404);
        }),
        DELETE: withoutBody((ctx) => {
          const productId = requiredQuery(ctx, 'productId');
          ctx.account.get(salesSlice).removeWhere((l) => l.productId === productId);
          return empty(200);
        }),
      },
    },
    {
      path: '/api/SalesOrders/All',
      methods: {
        DELETE: withoutBody((ctx) => {
          ctx.account.get(salesSlice).removeWhere(() => true);
          return empty(200);
        }),
      },
    },
    {
      path: '/api/SalesOrders/Range',
      methods: {
        // Both bounds are inclusive and compared as written; a date alone means midnight, so
        // toDate=2025-01-31 leaves out a sale at 2025-01-31T15:00 (as a .NET DateTime would).
        DELETE: withoutBody((ctx) => {
          const from = wallClock(requiredDateQuery(ctx, 'fromDate'));
          const to = wallClock(requiredDateQuery(ctx, 'toDate'));
          const productId = ctx.query.get('productId');
          ctx.account.get(salesSlice).removeWhere((l) => {
            const at = wallClock(l.orderDate);
            return at >= from && at <= to && (productId === undefined || l.productId === productId);
          });
          return empty(200);
        }),
      },
    },
  ],
};
