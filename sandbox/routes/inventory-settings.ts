/**
 * /api/InventoryManagementSystemSettings: which system feeds the account. GET answers
 * `{ name }` (null until one is set); POST sets it and answers 201 with no body.
 * GET /api/Configuration/{configurationName} is not served: the document names no
 * configuration, so there is nothing honest to answer.
 */
import { inventoryManagementSystemRequestSchema } from '../../lib/stocktrim/contract';
import { badRequest } from '../http/problems';
import { inventorySettingsSlice } from '../store/inventory-settings-store';
import { empty, json, withBody, withoutBody, type RouteModule } from './route';

export const inventorySettingsRoutes: RouteModule = {
  name: 'InventoryManagementSystemSettings',
  routes: [
    {
      path: '/api/InventoryManagementSystemSettings',
      methods: {
        GET: withoutBody((ctx) => json(200, { name: ctx.account.get(inventorySettingsSlice).system })),
        POST: withBody(inventoryManagementSystemRequestSchema, (ctx, body) => {
          // .NET would bind a missing enum as its first member (Shopify); refusing is safer.
          if (body.api === undefined) throw badRequest({ Api: ['The Api field is required.'] });
          ctx.account.get(inventorySettingsSlice).system = body.api;
          return empty(201);
        }),
      },
    },
  ],
};
