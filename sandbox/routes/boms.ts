/**
 * /api/boms: bill-of-materials lines. POST upserts one line on productId + componentId and
 * answers 201 either way (the document lists no 200 here, unlike Products and PurchaseOrders);
 * GET lists lines, optionally for one product and/or component (404 when none); DELETE removes
 * a product's lines, or one line when componentId is given.
 */
import { billOfMaterialsRequestSchema, type BillOfMaterialsResponse } from '../../lib/stocktrim/contract';
import { badRequest } from '../http/problems';
import type { AccountState } from '../store/account-state';
import { bomsSlice, type StoredBomLine } from '../store/boms-store';
import { productsSlice, toProductResponse } from '../store/products-store';
import { unknownProductErrors } from './known-products';
import { requiredQuery } from './query';
import { empty, json, withBody, withoutBody, type RouteModule } from './route';

function toBomResponse(account: AccountState, line: StoredBomLine): BillOfMaterialsResponse {
  const products = account.get(productsSlice);
  const product = products.find(line.productId);
  const component = products.find(line.componentId);
  return {
    id: line.id,
    // The request has no assembly time; the assembled product's manufacturing time is the one
    // figure the account holds for it.
    assemblyTimeDays: product?.manufacturingTime ?? null,
    skuComponent: component ? toProductResponse(component) : null,
    skuProduct: product ? toProductResponse(product) : null,
    productId: line.productId,
    componentId: line.componentId,
    quantity: line.quantity,
  };
}

export const bomsRoutes: RouteModule = {
  name: 'BillOfMaterials',
  routes: [
    {
      path: '/api/boms',
      methods: {
        POST: withBody(billOfMaterialsRequestSchema, (ctx, body) => {
          const dataset = 'bills of materials';
          const errors = {
            ...unknownProductErrors(ctx.account, [body.productId], () => 'ProductId', dataset),
            ...unknownProductErrors(ctx.account, [body.componentId], () => 'ComponentId', dataset),
          };
          if (Object.keys(errors).length > 0) throw badRequest(errors);
          const store = ctx.account.get(bomsSlice);
          // A product inside itself would make its demand infinite; refused rather than guessed at.
          const cycle = store.cycleThrough(body.productId, body.componentId);
          if (cycle) {
            const message =
              cycle.length === 1
                ? `A product cannot be a component of itself ('${body.productId}').`
                : `'${body.componentId}' already contains '${body.productId}' (${cycle.join(' → ')}), so it cannot also be one of its components.`;
            throw badRequest({ ComponentId: [message] });
          }
          return json(201, toBomResponse(ctx.account, store.upsert(body).line));
        }),
        GET: withoutBody((ctx) => {
          const lines = ctx.account.get(bomsSlice).find(ctx.query.get('productId'), ctx.query.get('componentId'));
          return lines.length > 0 ? json(200, lines.map((l) => toBomResponse(ctx.account, l))) : empty(404);
        }),
        // productId is required so that a forgotten parameter cannot wipe the whole structure.
        DELETE: withoutBody((ctx) => {
          const productId = requiredQuery(ctx, 'productId');
          const removed = ctx.account.get(bomsSlice).remove(productId, ctx.query.get('componentId'));
          return removed > 0 ? empty(201) : empty(404);
        }),
      },
    },
  ],
};
