/**
 * /api/Suppliers and /api/SuppliersBulk. POST takes an ARRAY of suppliers and answers an array
 * (production's shape, even for one), upserting each on supplierCode in order; 201 either way,
 * as the document lists. GET by exact code answers one object; SuppliersBulk answers them all.
 */
import { suppliersRequestSchema } from '../../lib/stocktrim/contract';
import { badRequest } from '../http/problems';
import { suppliersSlice, toSupplierResponse } from '../store/suppliers-store';
import { requiredQuery } from './query';
import { empty, json, withBody, withoutBody, type RouteModule } from './route';

export const suppliersRoutes: RouteModule = {
  name: 'Suppliers',
  routes: [
    {
      path: '/api/Suppliers',
      methods: {
        POST: withBody(suppliersRequestSchema, (ctx, suppliers) => {
          if (suppliers.length === 0) throw badRequest({ $: ['Send at least one supplier.'] });
          const store = ctx.account.get(suppliersSlice);
          // In order, so a code repeated within one request ends with its last entry's values.
          return json(201, suppliers.map((s) => toSupplierResponse(store.upsert(s).supplier)));
        }),
        // A missing code is refused rather than answered with everything: that is SuppliersBulk.
        GET: withoutBody((ctx) => {
          const supplier = ctx.account.get(suppliersSlice).find(requiredQuery(ctx, 'code'));
          return supplier ? json(200, toSupplierResponse(supplier)) : empty(404);
        }),
        DELETE: withoutBody((ctx) => {
          const removed = ctx.account.get(suppliersSlice).removeByCodeOrName(requiredQuery(ctx, 'supplierCodeOrName'));
          return removed > 0 ? empty(201) : empty(404);
        }),
      },
    },
    {
      path: '/api/SuppliersBulk',
      methods: {
        GET: withoutBody((ctx) => {
          const all = ctx.account.get(suppliersSlice).all();
          return all.length > 0 ? json(200, all.map(toSupplierResponse)) : empty(404);
        }),
      },
    },
  ],
};
