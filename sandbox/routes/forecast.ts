/**
 * RunForecastCalculations and ProcessingStatus. A run snapshots the account's products and
 * sales, so changes made while it runs (or after) show only in the next run.
 */
import { buildPlanEntries } from '../order-plan';
import { forecastSlice } from '../forecast-run';
import { badRequestDetail } from '../http/problems';
import { productsSlice } from '../store/products-store';
import { salesSlice } from '../store/sales-store';
import { empty, json, withoutBody, type RouteModule } from './route';

export const forecastRoutes: RouteModule = {
  name: 'Forecast',
  routes: [
    {
      path: '/api/RunForecastCalculations',
      methods: {
        POST: withoutBody((ctx) => {
          const runner = ctx.account.get(forecastSlice);
          const now = ctx.now();
          if (runner.isRunning(now)) {
            throw badRequestDetail(
              'A forecast calculation is already running.',
              'Wait until GET /api/ProcessingStatus reports isProcessing false, then start the next one.',
            );
          }
          const duration = ctx.options.forecastDurationMs;
          const calculatedAt = new Date(now + duration).toISOString();
          const products = ctx.account.get(productsSlice).all();
          const plan = buildPlanEntries(products, ctx.account.get(salesSlice).all(), calculatedAt);
          runner.start(now, duration, plan);
          return empty(201);
        }),
      },
    },
    {
      path: '/api/ProcessingStatus',
      methods: {
        GET: withoutBody((ctx) => json(200, ctx.account.get(forecastSlice).status(ctx.now()))),
      },
    },
  ],
};
