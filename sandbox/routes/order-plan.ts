/** POST /api/OrderPlan: the last finished calculation's results, filtered; [] before any finished. */
import { orderPlanFilterCriteriaSchema } from '../../lib/stocktrim/contract';
import { forecastSlice } from '../forecast-run';
import { filterPlan } from '../order-plan';
import { json, withBody, type RouteModule } from './route';

export const orderPlanRoutes: RouteModule = {
  name: 'OrderPlan',
  routes: [
    {
      path: '/api/OrderPlan',
      methods: {
        POST: withBody(orderPlanFilterCriteriaSchema, (ctx, criteria) =>
          json(200, filterPlan(ctx.account.get(forecastSlice).plan(ctx.now()), criteria)),
        ),
      },
    },
  ],
};
