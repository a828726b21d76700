/**
 * /api/Products: one product per POST (upsert on productId: 201 created, 200 updated), GET in
 * pages of 50 or by exact code, and a deliberately slow DELETE. An empty answer is a 404 with
 * no body, as in production.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { productsRequestSchema } from '../../lib/stocktrim/contract';
import { productsSlice, toProductResponse } from '../store/products-store';
import { pageQuery, requiredQuery } from './query';
import { empty, json, withBody, withoutBody, type RouteModule } from './route';

export const productsRoutes: RouteModule = {
  name: 'Products',
  routes: [
    {
      path: '/api/Products',
      methods: {
        GET: withoutBody((ctx) => {
          const store = ctx.account.get(productsSlice);
          const code = ctx.query.get('code');
          if (code !== undefined) {
            const product = store.find(code);
            return product ? json(200, [toProductResponse(product)]) : empty(404);
          }
          const page = store.page(pageQuery(ctx, 'pageNo', 1));
          return page.length > 0 ? json(200, page.map(toProductResponse)) : empty(404);
        }),
        POST: withBody(productsRequestSchema, (ctx, body) => {
          const { product, created } = ctx.account.get(productsSlice).upsert(body);
          return json(created ? 201 : 200, toProductResponse(product));
        }),
        DELETE: withoutBody(async (ctx) => {
          const productId = requiredQuery(ctx, 'productId');
          if (ctx.options.productDeleteDelayMs > 0) await sleep(ctx.options.productDeleteDelayMs);
          // Looked up after the delay: a concurrent delete may have won.
          return ctx.account.get(productsSlice).remove(productId) ? empty(200) : empty(404);
        }),
      },
    },
  ],
};
