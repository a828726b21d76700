/**
 * /api/Customers: PUT one CustomerDto, created or updated on its code (200 either way, the
 * only success the document lists); GET answers every customer in one response, with no
 * paging (production has returned about 15,000 at once); GET /Customers/{code} answers one.
 */
import { customerRequestSchema } from '../../lib/stocktrim/contract';
import { badRequest } from '../http/problems';
import { customersSlice, toCustomerResponse } from '../store/customers-store';
import { empty, json, withBody, withoutBody, type RouteModule } from './route';

export const customersRoutes: RouteModule = {
  name: 'Customers',
  routes: [
    {
      path: '/api/Customers',
      methods: {
        PUT: withBody(customerRequestSchema, (ctx, body) => {
          // Nullable in the document, but it is the only key an update could match on.
          if (!body.code) throw badRequest({ Code: ['The Code field is required.'] });
          const { customer } = ctx.account.get(customersSlice).upsert(body.code, body);
          // The document answers an array here; it holds the one customer that was saved.
          return json(200, [toCustomerResponse(customer)]);
        }),
        GET: withoutBody((ctx) => {
          const all = ctx.account.get(customersSlice).all();
          return all.length > 0 ? json(200, all.map(toCustomerResponse)) : empty(404);
        }),
      },
    },
    {
      path: '/api/Customers/{code}',
      methods: {
        GET: withoutBody((ctx) => {
          const customer = ctx.account.get(customersSlice).find(ctx.params.code ?? '');
          return customer ? json(200, toCustomerResponse(customer)) : empty(404);
        }),
      },
    },
  ],
};
